import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { Role } from '../../src/auth/roles';
import { governorReport as report } from '../support/story-fixtures';
import { bearer, createTestApp, TestApp } from '../support/test-app';

/**
 * A keyed write whose answer was lost: the append committed, then the process died before the
 * answer was stored, so the key is left claimed with no answer until its lease runs out. A retry
 * then runs the request again, and must find the event its first run appended instead of writing
 * the development twice. The lost answer is staged in the table as such a crash leaves it.
 */
describe('Idempotency-Key: a retry after the first answer was lost', () => {
  let t: TestApp;
  beforeAll(async () => (t = await createTestApp()));
  afterAll(() => t.close());

  const post = (path: string, body: object, key: string, role: Role = 'reporter') =>
    t.http.post(path).set('Authorization', bearer(role)).set('Idempotency-Key', key).send(body);
  const streamOf = async (storyId: string) => (await t.http.get(`/stories/${storyId}/events`).set('Authorization', bearer('consumer')).expect(200)).body.events;

  /** The key as a process that died after the append leaves it: claimed, no answer, its lease over. */
  async function loseAnswer(key: string): Promise<void> {
    // TypeORM answers an UPDATE … RETURNING with [rows, count].
    const [lost] = await t.app.get(DataSource).query(
      `UPDATE idempotency_keys
          SET status = 'in_progress', locked_until = now() - interval '1 second', claim_token = $2,
              response_status = NULL, response_headers = NULL, response_body = NULL
        WHERE key = $1 RETURNING key`,
      [key, randomUUID()],
    );
    expect(lost).toHaveLength(1);
  }

  async function openStory(): Promise<string> {
    const response = await post('/stories', { slug: `lost-answer-${randomUUID()}`, headline: 'Border post shelled', bylines: ['Ayse Demir'] }, randomUUID()).expect(201);
    return response.body.storyId;
  }

  it('answers a casualty report run again with the event its first run appended, and appends nothing', async () => {
    const storyId = await openStory();
    const key = randomUUID();
    const first = await post(`/stories/${storyId}/casualty-reports`, report, key).expect(201);
    await loseAnswer(key);

    const retry = await post(`/stories/${storyId}/casualty-reports`, report, key).expect(201);

    expect(retry.headers['idempotent-replayed']).toBeUndefined();
    expect(retry.body).toEqual(first.body);
    expect(retry.headers.etag).toBe(first.headers.etag);
    expect((await streamOf(storyId)).map((event: { type: string }) => event.type)).toEqual(['StoryOpened', 'CasualtiesReported']);
    // The answer is stored this time: the next retry is a plain replay.
    expect((await post(`/stories/${storyId}/casualty-reports`, report, key).expect(201)).headers['idempotent-replayed']).toBe('true');
  });

  it('answers with the first run\'s event even when the story has moved on since, and an If-Match the story no longer matches', async () => {
    const storyId = await openStory();
    const key = randomUUID();
    const publishAtVersionOne = () =>
      t.http.post(`/stories/${storyId}/publications`).set('Authorization', bearer('editor')).set('Idempotency-Key', key).set('If-Match', '"1"').send({}).expect(201);
    const first = await publishAtVersionOne();
    await loseAnswer(key);
    await post(`/stories/${storyId}/casualty-reports`, report, randomUUID()).expect(201);

    const retry = await publishAtVersionOne();

    expect(retry.body).toEqual(first.body);
    expect((await streamOf(storyId)).map((event: { type: string }) => event.type)).toEqual(['StoryOpened', 'StoryPublished', 'CasualtiesReported']);
  });

  it('answers a story opening run again with the story it opened, not a duplicate slug', async () => {
    const key = randomUUID();
    const body = { slug: `lost-opening-${randomUUID()}`, headline: 'Border post shelled', bylines: ['Ayse Demir'] };
    const first = await post('/stories', body, key).expect(201);
    await loseAnswer(key);

    const retry = await post('/stories', body, key).expect(201);

    expect(retry.body).toEqual(first.body);
    expect(await streamOf(first.body.storyId)).toHaveLength(1);
  });

  it('runs the same request with the same key again, as a new write, once the key has expired', async () => {
    const storyId = await openStory();
    const key = randomUUID();
    const first = await post(`/stories/${storyId}/casualty-reports`, report, key).expect(201);
    // As 24 hours later: the key's retention is over.
    const [expired] = await t.app.get(DataSource).query(`UPDATE idempotency_keys SET expires_at = now() - interval '1 second' WHERE key = $1 RETURNING key`, [key]);
    expect(expired).toHaveLength(1);

    const again = await post(`/stories/${storyId}/casualty-reports`, report, key).expect(201);

    expect(again.body.eventId).not.toBe(first.body.eventId);
    expect(again.body.version).toBe(first.body.version + 1);
    expect((await streamOf(storyId)).map((event: { type: string }) => event.type)).toEqual(['StoryOpened', 'CasualtiesReported', 'CasualtiesReported']);
  });

  it('derives the event id from the key: two keys for the same request append two events', async () => {
    const storyId = await openStory();
    const [one, other] = await Promise.all([
      post(`/stories/${storyId}/casualty-reports`, report, randomUUID()).expect(201),
      post(`/stories/${storyId}/casualty-reports`, report, randomUUID()).expect(201),
    ]);
    expect(one.body.eventId).not.toBe(other.body.eventId);
    expect(await streamOf(storyId)).toHaveLength(3);
  });
});
