import type { Role } from '../../src/auth/roles';
import { bearer, createTestApp, TestApp } from '../support/test-app';

const report = { party: 'border guards', category: 'killed', figure: { min: 9, max: 9 }, status: 'confirmed', source: { name: 'Selim Kaya' }, asOf: '2026-11-26T18:30:00Z' };

/**
 * Two service instances on one database: each decides on its cached state without reading the
 * stream, so the other's writes make that cache stale. A stale cache must never turn into a wrong
 * answer: no false 412, 404 or 422, versions stay consecutive.
 */
describe('writes from two instances (stale cached story state)', () => {
  let first: TestApp;
  let second: TestApp;
  beforeAll(async () => {
    first = await createTestApp();
    second = await createTestApp();
  });
  afterAll(async () => {
    await first.close();
    await second.close();
  });
  const post = (app: TestApp, path: string, body: object, headers: Record<string, string> = {}, role: Role = 'reporter') =>
    app.http.post(path).set('Authorization', bearer(role)).set(headers).send(body);

  it('refreshes a stale cache instead of refusing, and still answers 412 for a real mismatch', async () => {
    const opened = await post(first, '/stories', { slug: `stale-cache-${Date.now()}`, headline: 'Border post shelled' }).expect(201);
    const storyId: string = opened.body.storyId;
    const byOther = await post(second, `/stories/${storyId}/casualty-reports`, report).expect(201);
    expect(byOther.body.version).toBe(2);

    // The first instance cached version 1; the other wrote version 2.
    const afterStale = await post(first, `/stories/${storyId}/casualty-reports`, { ...report, figure: { min: 11, max: 11 } }).expect(201);
    expect(afterStale.body.version).toBe(3);

    await post(second, `/stories/${storyId}/statements`, { speaker: { name: 'Lena Sorel' }, text: 'We will respond.', mode: 'quote' }).expect(201);
    const mismatch = await post(first, `/stories/${storyId}/casualty-reports`, report, { 'If-Match': '"3"' }).expect(412);
    expect(mismatch.body.currentVersion).toBe(4);
    await post(first, `/stories/${storyId}/casualty-reports`, report, { 'If-Match': '"4"' }).expect(201);

    // A correction of an event only the other instance has seen: not a 422 from a stale cache.
    const target = await post(second, `/stories/${storyId}/casualty-reports`, report).expect(201);
    await post(first, `/stories/${storyId}/corrections`, { targetEventId: target.body.eventId, changes: { figure: { min: 12, max: 12 } }, reason: 'Revised by the governor' }, {}, 'editor').expect(201);

    const events = (await first.http.get(`/stories/${storyId}/events`).set('Authorization', bearer('consumer')).expect(200)).body.events;
    expect(events.map((event: { version: number }) => event.version)).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });
});
