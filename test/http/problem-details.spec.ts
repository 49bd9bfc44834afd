import { jest } from '@jest/globals';
import { INestApplication, Logger } from '@nestjs/common';
import request from 'supertest';
import { expectProblem } from '../support/expect-problem';
import { createTestApp } from './test-app';

describe('problem details (application/problem+json for every error)', () => {
  let app: INestApplication;
  beforeAll(async () => {
    app = await createTestApp();
  });
  afterAll(() => app.close());

  const get = (path: string) => request(app.getHttpServer()).get(path);

  it('answers an unknown route with 404 route_not_found', async () => {
    const body = expectProblem(await get('/no/such/route'), 404, { code: 'route_not_found' });
    expect(body.detail).toBe('No route answers GET /no/such/route.');
  });

  it('answers a DomainError of kind precondition_failed with 412 naming currentVersion', async () => {
    const body = expectProblem(await get('/test-echo/domain-error/precondition_failed'), 412, { code: 'test_precondition_failed' });
    expect(body).toMatchObject({ currentVersion: 7, detail: 'A precondition_failed test error.', title: 'Test precondition failed' });
  });

  it('answers a DomainError of kind rule_violated with 422, its details as extension members', async () => {
    const body = expectProblem(await get('/test-echo/domain-error/rule_violated'), 422, { code: 'test_rule_violated', fields: ['figure'] });
    expect(body.errors).toEqual([{ field: 'figure', message: 'min must not exceed max' }]);
  });

  it.each([
    ['invalid_input', 400],
    ['not_found', 404],
    ['conflict', 409],
  ])('answers a DomainError of kind %s with %d', async (kind, status) => {
    expectProblem(await get(`/test-echo/domain-error/${kind}`), status, { code: `test_${kind}` });
  });

  it('answers a DomainError of kind unavailable with 503 and Retry-After from retryAfterSeconds', async () => {
    const response = await get('/test-echo/domain-error/unavailable');
    const body = expectProblem(response, 503, { code: 'test_unavailable' });
    expect(response.headers['retry-after']).toBe('2');
    expect(body).toMatchObject({ retryAfterSeconds: 2, position: 41 });
  });

  it('answers a concurrent write (WrongExpectedVersionError) with 409 naming currentVersion', async () => {
    const body = expectProblem(await get('/test-echo/wrong-expected-version'), 409, { code: 'wrong_expected_version' });
    expect(body.currentVersion).toBe(5);
  });

  it('keeps the status of a Nest HttpException and the code a guard gives it', async () => {
    const body = expectProblem(await get('/test-echo/unauthorized'), 401, { code: 'missing_api_key' });
    expect(body.detail).toBe('Send Authorization: Bearer <key>.');
  });

  it('answers an unexpected error with a generic 500 that leaks nothing, and logs the error itself', async () => {
    const logged = jest.spyOn(Logger.prototype, 'error');
    try {
      const response = await get('/test-echo/crash');
      const body = expectProblem(response, 500, { code: 'internal_error' });
      expect(response.text).not.toMatch(/secret|postgres|Error/);
      expect(body.detail).toBe('The server failed to answer this request; it has been logged.');
      expect(logged).toHaveBeenCalledWith(
        `GET /test-echo/crash (request ${body.requestId}) failed: Error: connection string postgres://secret@internal/db`,
        expect.stringContaining('TestEchoController.crash'),
      );
    } finally {
      logged.mockRestore();
    }
  });

  it('sends no automatic body-hash ETag that a client could mistake for a version', async () => {
    const response = await get('/no/such/route');
    expect(response.headers.etag).toBeUndefined();
    expect(response.headers['x-powered-by']).toBeUndefined();
  });
});
