import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { createTestApp } from './test-app';

describe('OpenAPI at /docs', () => {
  let app: INestApplication;
  beforeAll(async () => {
    app = await createTestApp();
  });
  afterAll(() => app.close());

  it('serves Swagger UI at /docs without a key', async () => {
    const response = await request(app.getHttpServer()).get('/docs').expect(200);
    expect(response.headers['content-type']).toMatch(/text\/html/);
    expect(response.text).toMatch(/swagger-ui/i);
  });

  it('serves the document at /docs-json: title, bearer scheme, problem schema, the error format', async () => {
    const { body: document } = await request(app.getHttpServer()).get('/docs-json').expect(200);
    expect(document.info).toMatchObject({ title: 'Newsdesk API', version: '1' });
    expect(document.info.description).toMatch(/application\/problem\+json/);
    expect(document.components.securitySchemes.apiKey).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(document.components.schemas.ProblemDetails.required).toEqual(['type', 'title', 'status', 'detail', 'code']);
  });

  it('documents every route with the shared problem answer, keyed except /health', async () => {
    const { body: document } = await request(app.getHttpServer()).get('/docs-json').expect(200);
    const reports = document.paths['/test-echo/reports'].post;
    expect(reports.responses.default.content['application/problem+json'].schema).toEqual({ $ref: '#/components/schemas/ProblemDetails' });
    expect(reports.security).toEqual([{ apiKey: [] }]);
    expect(document.paths['/health'].get.security).toEqual([]);
  });
});
