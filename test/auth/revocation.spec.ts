import { randomUUID } from 'node:crypto';
import { ApiKeyAuthenticator } from '../../src/auth/api-key-authenticator';
import { ApiKeyRepository } from '../../src/auth/api-key.repository';
import { createTestApp, TestApp } from '../support/test-app';

async function eventually(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`not true within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('revoking a key', () => {
  describe('with a short cache TTL', () => {
    let testApp: TestApp;
    beforeAll(async () => {
      testApp = await createTestApp({ env: { NEWSDESK_API_KEY_CACHE_TTL_MS: '200' } });
    });
    afterAll(() => testApp.close());

    it('refuses the key (401) once the cached entry has expired, though revoked by another process', async () => {
      const { key, secret } = await testApp.app.get(ApiKeyRepository).create({ name: 'short-lived', role: 'reporter', origin: 'cli' });
      await testApp.http.get('/auth/whoami').set('Authorization', `Bearer ${secret}`).expect(200);

      // Straight in the table, as `npm run apikey:revoke` or another instance would: this process is not told.
      await testApp.app.get(ApiKeyRepository).revokeById(key.id);

      await eventually(async () => (await testApp.http.get('/auth/whoami').set('Authorization', `Bearer ${secret}`)).status === 401);
      const refused = await testApp.http.get('/auth/whoami').set('Authorization', `Bearer ${secret}`).expect(401);
      expect(refused.headers['www-authenticate']).toBe('Bearer realm="newsdesk", error="invalid_token"');
    });
  });

  describe('with a long cache TTL', () => {
    let testApp: TestApp;
    beforeAll(async () => {
      testApp = await createTestApp({ env: { NEWSDESK_API_KEY_CACHE_TTL_MS: '60000' } });
    });
    afterAll(() => testApp.close());

    it('answers a known key from memory, without reading the table again', async () => {
      const keys = testApp.app.get(ApiKeyRepository);
      const { key, secret } = await keys.create({ name: 'cached', role: 'consumer', origin: 'cli' });
      await testApp.http.get('/auth/whoami').set('Authorization', `Bearer ${secret}`).expect(200);
      await keys.revokeById(key.id);
      // Still remembered: proof that the second request did not look the key up.
      await testApp.http.get('/auth/whoami').set('Authorization', `Bearer ${secret}`).expect(200);

      testApp.app.get(ApiKeyAuthenticator).forget(key.id);
      await testApp.http.get('/auth/whoami').set('Authorization', `Bearer ${secret}`).expect(401);
    });

    it('never remembers an unknown key: once stored, it works at once', async () => {
      const secret = `nd_not-yet-stored-${randomUUID()}`;
      await testApp.http.get('/auth/whoami').set('Authorization', `Bearer ${secret}`).expect(401);
      await testApp.app.get(ApiKeyRepository).upsertWithSecret({ name: 'fresh', role: 'editor', secret, origin: 'environment' });
      await testApp.http.get('/auth/whoami').set('Authorization', `Bearer ${secret}`).expect(200);
    });
  });
});
