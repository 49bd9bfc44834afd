import fc from 'fast-check';
import type { Role } from '../../src/auth/roles';
import { bearer, createTestApp, TestApp } from '../support/test-app';

/** A fictional desk story: a border post shelled, the toll rising through the evening. */
const report = (overrides: Record<string, unknown> = {}) => ({
  party: 'border guards',
  category: 'killed',
  figure: { min: 9, max: 9 },
  status: 'confirmed',
  source: { name: 'Selim Kaya', role: 'provincial governor', via: 'Meridian News Agency', channel: 'phone call' },
  asOf: '2026-11-26T18:30:00Z',
  ...overrides,
});
const statement = { speaker: { name: 'Lena Sorel', role: 'spokesperson', organization: 'Ministry of Defence' }, text: 'We will respond.', mode: 'quote' };

describe('story writes over HTTP', () => {
  let t: TestApp;
  beforeAll(async () => (t = await createTestApp()));
  afterAll(() => t.close());

  const post = (path: string, body: unknown, role: Role = 'reporter') => t.http.post(path).set('Authorization', bearer(role)).send(body as object);
  let slugCounter = 0;
  const newSlug = () => `border-shelling-${Date.now()}-${slugCounter++}`;
  async function openStory(): Promise<string> {
    const response = await post('/stories', { slug: newSlug(), headline: 'Shelling kills 9 at border post', bylines: ['Ayse Demir'] }).expect(201);
    return response.body.storyId;
  }
  const streamOf = async (storyId: string) => (await t.http.get(`/stories/${storyId}/events`).set('Authorization', bearer('consumer')).expect(200)).body.events;

  it('POST /stories answers 201 with version 1, the position and ETag "1"', async () => {
    const response = await post('/stories', { slug: newSlug(), headline: '  Shelling kills 9 at border post  ', desk: 'world' }).expect(201);
    expect(response.body).toEqual({ storyId: expect.any(String), eventId: expect.any(String), version: 1, position: expect.any(Number) });
    expect(response.headers.etag).toBe('"1"');
    const [opened] = await streamOf(response.body.storyId);
    expect(opened).toMatchObject({ type: 'StoryOpened', eventId: response.body.eventId, position: response.body.position });
    expect(opened.data).toMatchObject({ storyId: response.body.storyId, headline: 'Shelling kills 9 at border post', desk: 'world', bylines: [] });
  });

  it('refuses a duplicate slug with 409, even when two openings race', async () => {
    const slug = newSlug();
    const answers = await Promise.all([1, 2, 3].map(() => post('/stories', { slug, headline: 'Race' })));
    expect(answers.map((answer) => answer.status).sort()).toEqual([201, 409, 409]);
    const conflict = answers.find((answer) => answer.status === 409)!;
    expect(conflict.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(conflict.body).toMatchObject({ status: 409, code: 'duplicate_slug' });
  });

  it('appends every kind of development with consecutive versions and its metadata', async () => {
    const storyId = await openStory();
    const casualties = await post(`/stories/${storyId}/casualty-reports`, report()).set('X-Correlation-Id', 'desk-evening-1').expect(201);
    expect(casualties.body.version).toBe(2);
    expect(casualties.headers.etag).toBe('"2"');
    await post(`/stories/${storyId}/statements`, statement).expect(201, /"version":3/);
    await post(`/stories/${storyId}/revisions`, { headline: 'Shelling kills 22 at border post', note: 'toll rose' }).expect(201);
    const correction = await post(`/stories/${storyId}/corrections`, { targetEventId: casualties.body.eventId, changes: { figure: { min: 22, max: 22 } }, reason: 'Governor revised the toll.' }, 'editor').expect(201);
    expect(correction.body.version).toBe(5);
    const published = await post(`/stories/${storyId}/publications`, { note: 'evening update' }, 'editor').expect(201);
    expect(published.body.version).toBe(6);

    const events = await streamOf(storyId);
    expect(events.map((event: { type: string }) => event.type)).toEqual([
      'StoryOpened', 'CasualtiesReported', 'StatementRecorded', 'StoryRevised', 'CorrectionIssued', 'StoryPublished',
    ]);
    expect(events[1].metadata).toEqual({ actorId: 'test-reporter', actorRole: 'reporter', requestId: expect.any(String), correlationId: 'desk-evening-1', causationId: null });
    expect(events[1].data).toEqual({ ...report(), asOf: '2026-11-26T18:30:00.000Z' }); // stored in UTC, milliseconds included
    expect(events[4].metadata).toMatchObject({ actorId: 'test-editor', actorRole: 'editor' });
    expect(events[4].data).toMatchObject({ changes: { figure: { min: 22, max: 22 } }, before: { figure: { min: 9, max: 9 } } });
    expect(events[5].data).toEqual({ publishedVersion: 6, note: 'evening update' });
  });

  describe('validation answers 400 naming each field', () => {
    it.each([
      ['a missing required field', '/stories', { slug: 'x-1' }, ['headline']],
      ['an unknown field', '/stories', { slug: 'x-2', headline: 'H', colour: 'red' }, ['colour']],
      ['a bad slug', '/stories', { slug: 'Not A Slug', headline: 'H' }, ['slug']],
    ])('%s on POST /stories', async (_case, path, body, fields) => {
      const response = await post(path, body).expect(400);
      expect(response.body.errors.map((error: { field: string }) => error.field)).toEqual(expect.arrayContaining(fields));
    });

    it('nested paths on a casualty report', async () => {
      const storyId = await openStory();
      const response = await post(`/stories/${storyId}/casualty-reports`, report({ figure: { min: '33' }, source: { name: 7 }, category: 'hurt', asOf: 'evening' })).expect(400);
      expect(response.body.errors.map((error: { field: string }) => error.field)).toEqual(
        expect.arrayContaining(['figure.min', 'source.name', 'category', 'asOf']),
      );
    });

    it('a revision with none of headline, dek, body', async () => {
      const storyId = await openStory();
      const response = await post(`/stories/${storyId}/revisions`, { note: 'nothing' }).expect(400);
      expect(response.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'headline' })]));
    });

    it('malformed JSON, a non-UUID story id, and a body over 256 KiB', async () => {
      await t.http.post('/stories').set('Authorization', bearer('reporter')).set('Content-Type', 'application/json').send('{"slug": ').expect(400);
      await post('/stories/not-a-uuid/statements', statement).expect(400);
      await post('/stories', { slug: newSlug(), headline: 'H', body: 'x'.repeat(300 * 1024) }).expect(413);
    });
  });

  describe('rules answer 422 with a code', () => {
    let storyId: string;
    let reportId: string;
    beforeAll(async () => {
      storyId = await openStory();
      reportId = (await post(`/stories/${storyId}/casualty-reports`, report()).expect(201)).body.eventId;
    });

    it.each([
      ['min > max', () => report({ figure: { min: 40, max: 30 } }), 'figure_min_above_max'],
      ['a fractional figure', () => report({ figure: { min: 2.5 } }), 'figure_not_whole_number'],
      ['asOf far in the future', () => report({ asOf: new Date(Date.now() + 3_600_000).toISOString() }), 'as_of_in_future'],
    ])('a casualty report with %s', async (_case, body, code) => {
      const response = await post(`/stories/${storyId}/casualty-reports`, body()).expect(422);
      expect(response.body).toMatchObject({ status: 422, code });
    });

    it('a correction of an unknown event, of an event in another story, or making min > max', async () => {
      const other = await openStory();
      const otherReport = (await post(`/stories/${other}/casualty-reports`, report()).expect(201)).body.eventId;
      const correct = (targetEventId: string, changes: object) => post(`/stories/${storyId}/corrections`, { targetEventId, changes, reason: 'check' }, 'editor');
      expect((await correct(crypto.randomUUID(), { party: 'x' }).expect(422)).body.code).toBe('target_not_found');
      expect((await correct(otherReport, { party: 'x' }).expect(422)).body.code).toBe('target_not_found');
      expect((await correct(reportId, { figure: { min: 50, max: 10 } }).expect(422)).body.code).toBe('figure_min_above_max');
      const wrongType = await correct(reportId, { figure: { min: 'many' } }).expect(400);
      expect(wrongType.body.errors).toEqual([expect.objectContaining({ field: 'changes.figure.min' })]);
    });

    it('retracting twice, and correcting what was retracted', async () => {
      const target = (await post(`/stories/${storyId}/statements`, statement).expect(201)).body.eventId;
      await post(`/stories/${storyId}/retractions`, { targetEventId: target, reason: 'misattributed' }, 'editor').expect(201);
      expect((await post(`/stories/${storyId}/retractions`, { targetEventId: target, reason: 'again' }, 'editor').expect(422)).body.code).toBe('already_retracted');
      expect((await post(`/stories/${storyId}/corrections`, { targetEventId: target, changes: { text: 'x' }, reason: 'r' }, 'editor').expect(422)).body.code).toBe('target_retracted');
    });

    it('publishing twice with nothing in between', async () => {
      await post(`/stories/${storyId}/publications`, {}, 'editor').expect(201);
      expect((await post(`/stories/${storyId}/publications`, {}, 'editor').expect(422)).body.code).toBe('nothing_to_publish');
    });
  });

  it('answers 404 for an unknown story on every write route', async () => {
    const id = crypto.randomUUID();
    await post(`/stories/${id}/casualty-reports`, report()).expect(404);
    await post(`/stories/${id}/statements`, statement).expect(404);
    await post(`/stories/${id}/revisions`, { headline: 'H' }).expect(404);
    await post(`/stories/${id}/corrections`, { targetEventId: crypto.randomUUID(), changes: { party: 'x' }, reason: 'r' }, 'editor').expect(404);
    await post(`/stories/${id}/retractions`, { targetEventId: crypto.randomUUID(), reason: 'r' }, 'editor').expect(404);
    await post(`/stories/${id}/publications`, {}, 'editor').expect(404);
  });

  describe('If-Match', () => {
    it('writes on the current version, answers 412 naming currentVersion on a stale one, 400 on a malformed one', async () => {
      const storyId = await openStory();
      await post(`/stories/${storyId}/statements`, statement).set('If-Match', '"1"').expect(201);
      const stale = await post(`/stories/${storyId}/statements`, statement).set('If-Match', '"1"').expect(412);
      expect(stale.body).toMatchObject({ status: 412, code: 'version_mismatch', currentVersion: 2 });
      await post(`/stories/${storyId}/statements`, statement).set('If-Match', 'version two').expect(400);
      expect(await streamOf(storyId)).toHaveLength(2);
    });

    it('50 concurrent writers on one version: one wins, the rest get 412, the stream has no hole', async () => {
      const storyId = await openStory();
      const answers = await Promise.all(
        Array.from({ length: 50 }, () => post(`/stories/${storyId}/statements`, statement).set('If-Match', '"1"')),
      );
      expect(answers.filter((answer) => answer.status === 201)).toHaveLength(1);
      expect(answers.filter((answer) => answer.status === 412)).toHaveLength(49);
      expect((await streamOf(storyId)).map((event: { version: number }) => event.version)).toEqual([1, 2]);
    });

    it('without If-Match, concurrent writers all land, in versions 1..n', async () => {
      const storyId = await openStory();
      const answers = await Promise.all(Array.from({ length: 20 }, () => post(`/stories/${storyId}/statements`, statement)));
      const statuses = answers.map((answer) => answer.status);
      // A writer that loses twice in a row is told so (409); none may be lost silently or 500.
      expect(statuses.every((status) => status === 201 || status === 409)).toBe(true);
      const versions = (await streamOf(storyId)).map((event: { version: number }) => event.version);
      expect(versions).toEqual(Array.from({ length: 1 + statuses.filter((s) => s === 201).length }, (_, i) => i + 1));
    });
  });

  describe('Idempotency-Key', () => {
    it('a retry returns the first answer and appends nothing; another body with the key is 409', async () => {
      const storyId = await openStory();
      const first = await post(`/stories/${storyId}/casualty-reports`, report()).set('Idempotency-Key', 'evening-toll-1').expect(201);
      const retry = await post(`/stories/${storyId}/casualty-reports`, report()).set('Idempotency-Key', 'evening-toll-1').expect(201);
      expect(retry.body).toEqual(first.body);
      expect(retry.headers.etag).toBe(first.headers.etag);
      await post(`/stories/${storyId}/casualty-reports`, report({ figure: { min: 10, max: 10 } })).set('Idempotency-Key', 'evening-toll-1').expect(409);
      expect(await streamOf(storyId)).toHaveLength(2);
    });

    it('concurrent retries of one key append once and all get the same answer', async () => {
      const storyId = await openStory();
      const answers = await Promise.all(
        Array.from({ length: 20 }, () => post(`/stories/${storyId}/statements`, statement).set('Idempotency-Key', 'statement-retry-storm')),
      );
      expect(new Set(answers.map((answer) => answer.status))).toEqual(new Set([201]));
      expect([...new Set(answers.map((answer) => JSON.stringify(answer.body)))]).toHaveLength(1);
      expect(await streamOf(storyId)).toHaveLength(2);
    });
  });

  describe('roles', () => {
    const routes: { path: (id: string) => string; body: () => object; minimum: 'reporter' | 'editor' }[] = [
      { path: () => '/stories', body: () => ({ slug: newSlug(), headline: 'H' }), minimum: 'reporter' },
      { path: (id) => `/stories/${id}/revisions`, body: () => ({ headline: `H ${Math.random()}` }), minimum: 'reporter' },
      { path: (id) => `/stories/${id}/casualty-reports`, body: () => report(), minimum: 'reporter' },
      { path: (id) => `/stories/${id}/statements`, body: () => statement, minimum: 'reporter' },
      { path: (id) => `/stories/${id}/corrections`, body: () => ({ targetEventId: crypto.randomUUID(), changes: { text: 'x' }, reason: 'r' }), minimum: 'editor' },
      { path: (id) => `/stories/${id}/retractions`, body: () => ({ targetEventId: crypto.randomUUID(), reason: 'r' }), minimum: 'editor' },
      { path: (id) => `/stories/${id}/publications`, body: () => ({}), minimum: 'editor' },
    ];

    it('each role × each write route: allowed roles pass the guard, others get 403, no key gets 401', async () => {
      const storyId = await openStory();
      for (const route of routes) {
        await t.http.post(route.path(storyId)).send(route.body()).expect(401);
        for (const role of ['reporter', 'editor', 'consumer', 'admin'] as const) {
          const allowed = role === 'editor' || (role === 'reporter' && route.minimum === 'reporter');
          const response = await post(route.path(storyId), route.body(), role);
          if (allowed) expect([201, 422]).toContain(response.status);
          else expect(response.status).toBe(403);
        }
      }
    });
  });

  it('no input, however hostile, produces a 5xx on any write route', async () => {
    const storyId = await openStory();
    const paths = ['/stories', `/stories/${storyId}/revisions`, `/stories/${storyId}/casualty-reports`, `/stories/${storyId}/statements`,
      `/stories/${storyId}/corrections`, `/stories/${storyId}/retractions`, `/stories/${storyId}/publications`];
    const hostileValue = fc.oneof(
      fc.jsonValue(),
      fc.constantFrom('__proto__', 'constructor', '\u0000', '💥'.repeat(500), -1, 1e308, Number.MAX_SAFE_INTEGER + 2),
      fc.record({ __proto__: fc.jsonValue(), constructor: fc.jsonValue() }, { requiredKeys: [] }),
    );
    const body = fc.oneof(
      fc.dictionary(fc.constantFrom('slug', 'headline', 'figure', 'source', 'party', 'category', 'changes', 'targetEventId', 'speaker', 'text', 'mode', 'asOf', 'reason', 'x'), hostileValue),
      fc.record({ figure: fc.record({ min: hostileValue, max: hostileValue }) }).map((hostile) => ({ ...report(), ...hostile })),
      fc.record({ targetEventId: fc.uuid(), changes: fc.dictionary(fc.constantFrom('figure', 'source', 'party', 'text', 'speaker', 'asOf', 'mode'), hostileValue), reason: fc.string() }),
      hostileValue,
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...paths), body, async (path, payload) => {
        const response = await t.http.post(path).set('Authorization', bearer('editor')).set('Content-Type', 'application/json').send(JSON.stringify(payload));
        expect(response.status).toBeLessThan(500);
      }),
      { numRuns: 300 },
    );
  });
});
