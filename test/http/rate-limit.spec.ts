import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { expectProblem } from '../support/expect-problem';
import { createTestApp } from './test-app';

describe('rate limit (NEWSDESK_RATE_LIMIT_PER_MINUTE)', () => {
  describe('lowered to 3 a minute', () => {
    let app: INestApplication;
    beforeAll(async () => {
      app = await createTestApp({ NEWSDESK_RATE_LIMIT_PER_MINUTE: '3' });
    });
    afterAll(() => app.close());

    const asKey = (key: string) => request(app.getHttpServer()).get('/test-echo/context').set('Authorization', `Bearer ${key}`);

    it('answers the 4th request of a key with 429 rate_limited and Retry-After, while other keys go on', async () => {
      for (let i = 0; i < 3; i += 1) await asKey('key-a').expect(200);
      const refused = await asKey('key-a');
      const body = expectProblem(refused, 429, { code: 'rate_limited' });
      const retryAfter = Number(refused.headers['retry-after']);
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(60);
      expect(body.retryAfterSeconds).toBe(retryAfter);

      await asKey('key-b').expect(200);
    });

    it('counts callers without a key by address, across routes, before reading their bodies', async () => {
      const anonymous = () => request(app.getHttpServer());
      await anonymous().get('/test-echo/context').expect(200);
      await anonymous().get('/no/such/route').expect(404);
      await anonymous().post('/test-echo/reports').set('Content-Type', 'application/json').send('{').expect(400);
      expectProblem(await anonymous().post('/test-echo/reports').set('Content-Type', 'application/json').send('{'), 429, { code: 'rate_limited' });
    });
  });

  it('is off at 0', async () => {
    const app = await createTestApp({ NEWSDESK_RATE_LIMIT_PER_MINUTE: '0' });
    try {
      for (let i = 0; i < 20; i += 1) {
        const response = await request(app.getHttpServer()).get('/test-echo/context').expect(200);
        expect(response.headers.ratelimit).toBeUndefined();
      }
    } finally {
      await app.close();
    }
  });
});
