import { randomUUID } from 'node:crypto';
import { bearer, createTestApp, TestApp } from '../support/test-app';
import { IdempotencyProbeModule, probe } from './idempotency-probe.module';

describe('Idempotency-Key on a write route', () => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await createTestApp({ extraModules: [IdempotencyProbeModule] });
  });
  afterAll(() => testApp.close());
  beforeEach(() => {
    probe.runs = 0;
    probe.failNext = 0;
  });

  const post = (body: object, key?: string, role: 'reporter' | 'editor' = 'reporter') => {
    const request = testApp.http.post('/probe-writes').set('Authorization', bearer(role)).send(body);
    return key === undefined ? request : request.set('Idempotency-Key', key);
  };

  it('without the header, every request runs', async () => {
    await post({ text: 'a' }).expect(201);
    await post({ text: 'a' }).expect(201);
    expect(probe.runs).toBe(2);
  });

  it('a retry with the same key and body gets the first answer again, runs nothing, and says it is a replay', async () => {
    const key = randomUUID();
    const first = await post({ text: 'toll rises', figure: { min: 33 } }, key).expect(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    expect(first.headers.etag).toBe('"1"');
    expect(first.body).toEqual({ run: 1, received: { text: 'toll rises', figure: { min: 33 } } });

    // Same body with its keys in another order: the same request.
    const retry = await post({ figure: { min: 33 }, text: 'toll rises' }, key).expect(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.headers.etag).toBe('"1"');
    expect(retry.headers['x-not-replayed']).toBeUndefined();
    expect(retry.body).toEqual(first.body);
    expect(probe.runs).toBe(1);
  });

  it('the same key with a different body is refused with 409 and runs nothing', async () => {
    const key = randomUUID();
    await post({ text: 'first' }, key).expect(201);
    const reused = await post({ text: 'second' }, key).expect(409);
    expect(reused.body).toMatchObject({ code: 'idempotency_key_reused' });
    expect(probe.runs).toBe(1);
  });

  it('keeps keys per principal: two keys may use the same Idempotency-Key for different requests', async () => {
    const key = randomUUID();
    const asReporter = await post({ text: 'reporter' }, key, 'reporter').expect(201);
    const asEditor = await post({ text: 'editor' }, key, 'editor').expect(201);
    expect(asEditor.headers['idempotent-replayed']).toBeUndefined();
    expect([asReporter.body.run, asEditor.body.run]).toEqual([1, 2]);
    const editorRetry = await post({ text: 'editor' }, key, 'editor').expect(201);
    expect(editorRetry.body).toEqual(asEditor.body);
    expect(probe.runs).toBe(2);
  });

  it.each([
    ['empty', ''],
    ['longer than 200 characters', 'k'.repeat(201)],
    ['not printable ASCII', 'clé'],
  ])('refuses a key that is %s with 400, running nothing', async (_case, key) => {
    const response = await testApp.http
      .post('/probe-writes')
      .set('Authorization', bearer('reporter'))
      .set('Idempotency-Key', key)
      .send({ text: 'x' })
      .expect(400);
    expect(response.body).toMatchObject({ code: 'invalid_idempotency_key', header: 'Idempotency-Key' });
    expect(probe.runs).toBe(0);
  });

  it('asks for a key before anything else: 401 without one, even with an Idempotency-Key', async () => {
    await testApp.http.post('/probe-writes').set('Idempotency-Key', randomUUID()).send({}).expect(401);
    await post({}, randomUUID(), 'editor').expect(201);
    await testApp.http.post('/probe-writes').set('Authorization', bearer('consumer')).set('Idempotency-Key', randomUUID()).send({}).expect(403);
    expect(probe.runs).toBe(1);
  });

  it('a failed first attempt is not stored: a retry runs again, and its success is what later retries get', async () => {
    const key = randomUUID();
    probe.failNext = 1;
    await post({ text: 'x' }, key).expect(422);
    const second = await post({ text: 'x' }, key).expect(201);
    expect(second.headers['idempotent-replayed']).toBeUndefined();
    const third = await post({ text: 'x' }, key).expect(201);
    expect(third.headers['idempotent-replayed']).toBe('true');
    expect(third.body).toEqual(second.body);
    expect(probe.runs).toBe(2);
  });

  it('100 concurrent retries of one key run the handler once and all get the identical answer', async () => {
    const key = randomUUID();
    const body = { text: 'concurrent', delayMs: 300 };
    const responses = await Promise.all(Array.from({ length: 100 }, () => post(body, key)));

    expect(probe.runs).toBe(1);
    const answers = responses.map((response) => ({ status: response.status, etag: response.headers.etag, body: response.body }));
    expect(new Set(answers.map((answer) => JSON.stringify(answer))).size).toBe(1);
    expect(answers[0]).toEqual({ status: 201, etag: '"1"', body: { run: 1, received: body } });
    expect(responses.filter((response) => response.headers['idempotent-replayed'] === 'true')).toHaveLength(99);
  });
});
