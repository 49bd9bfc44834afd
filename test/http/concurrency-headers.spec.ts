import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { expectProblem } from '../support/expect-problem';
import { createTestApp } from './test-app';

describe('If-Match and ETag', () => {
  let app: INestApplication;
  beforeAll(async () => {
    app = await createTestApp();
  });
  afterAll(() => app.close());

  const write = () => request(app.getHttpServer()).post('/test-echo/versioned');

  it('hands the version of If-Match to the handler and answers ETag: "<version>" from the result', async () => {
    const response = await write().set('If-Match', '"7"').expect(201);
    expect(response.body).toEqual({ expectedVersion: 7, version: 8 });
    expect(response.headers.etag).toBe('"8"');
  });

  it('accepts a weak tag, and treats * and no header alike as "no version to check"', async () => {
    expect((await write().set('If-Match', 'W/"3"').expect(201)).body.expectedVersion).toBe(3);
    expect((await write().set('If-Match', '*').expect(201)).body.expectedVersion).toBeNull();
    const unconditional = await write().expect(201);
    expect(unconditional.body.expectedVersion).toBeNull();
    expect(unconditional.headers.etag).toBe('"1"');
  });

  it('refuses a malformed If-Match with 400 naming the header', async () => {
    const body = expectProblem(await write().set('If-Match', 'version-7'), 400, { code: 'invalid_header', fields: ['If-Match'] });
    expect(body.detail).toMatch(/If-Match/);
  });
});
