import { randomUUID } from 'node:crypto';
import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { expectProblem } from '../support/expect-problem';
import { createTestApp } from './test-app';
import { validReport } from './test-routes';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('request context (X-Request-Id, X-Correlation-Id)', () => {
  let app: INestApplication;
  beforeAll(async () => {
    app = await createTestApp();
  });
  afterAll(() => app.close());

  const getContext = () => request(app.getHttpServer()).get('/test-echo/context');

  it('gives every request a fresh request id and correlation id, echoed and handed to the handler', async () => {
    const first = await getContext().expect(200);
    const second = await getContext().expect(200);
    expect(first.headers['x-request-id']).toMatch(UUID);
    expect(first.headers['x-correlation-id']).toMatch(UUID);
    expect(first.body).toEqual({ requestId: first.headers['x-request-id'], correlationId: first.headers['x-correlation-id'] });
    expect(second.headers['x-request-id']).not.toBe(first.headers['x-request-id']);
    expect(second.headers['x-correlation-id']).not.toBe(first.headers['x-correlation-id']);
  });

  it('round-trips the client X-Correlation-Id to the handler and the response', async () => {
    const correlationId = 'desk-evening-update/2020-02-28 #3';
    const response = await request(app.getHttpServer()).post('/test-echo/reports').set('X-Correlation-Id', correlationId).send(validReport()).expect(201);
    expect(response.headers['x-correlation-id']).toBe(correlationId);
    expect(response.body.context).toEqual({ requestId: response.headers['x-request-id'], correlationId });
  });

  it('keeps an incoming UUID request id, and replaces anything else', async () => {
    const incoming = randomUUID();
    expect((await getContext().set('X-Request-Id', incoming.toUpperCase())).body.requestId).toBe(incoming);
    const replaced = await getContext().set('X-Request-Id', '<script>');
    expect(replaced.body.requestId).toMatch(UUID);
    expect(replaced.headers['x-request-id']).toBe(replaced.body.requestId);
  });

  it.each([
    ['longer than 200 characters', 'c'.repeat(201)],
    ['with a control character', 'abc\tdef'],
    ['with non-ASCII characters', 'caf\u00e9'],
  ])('refuses an X-Correlation-Id %s with 400 naming the header', async (_name, value) => {
    const body = expectProblem(await getContext().set('X-Correlation-Id', value), 400, { code: 'invalid_header', fields: ['X-Correlation-Id'] });
    expect(body.detail).toMatch(/X-Correlation-Id/);
  });

  it('accepts an X-Correlation-Id of exactly 200 printable characters', async () => {
    const value = 'x'.repeat(200);
    expect((await getContext().set('X-Correlation-Id', value).expect(200)).body.correlationId).toBe(value);
  });

  it('puts the request id on error answers too, header and body alike', async () => {
    const response = await request(app.getHttpServer()).post('/test-echo/reports').set('Content-Type', 'application/json').send('{');
    const body = expectProblem(response, 400, { code: 'malformed_json' });
    expect(body.requestId).toMatch(UUID);
    expect(response.headers['x-correlation-id']).toMatch(UUID);
  });
});
