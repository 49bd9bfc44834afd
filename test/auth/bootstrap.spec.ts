import { DataSource } from 'typeorm';
import { createApp } from '../../src/app.factory';
import { ApiKeyAuthenticator } from '../../src/auth/api-key-authenticator';
import { hashApiKeySecret } from '../../src/auth/api-key-secret';
import { openTestDataSource, testAppConfig } from '../support/test-database';

describe('keys from NEWSDESK_API_KEYS', () => {
  let db: DataSource;
  beforeAll(async () => {
    db = await openTestDataSource(2);
  });
  afterAll(() => db.destroy());

  const suffix = Date.now().toString(36);
  const secrets = { ayse: `bootstrap-ayse-${suffix}-0000000000`, jon: `bootstrap-jon-${suffix}-00000000000`, site: `bootstrap-site-${suffix}-0000000000` };

  async function boot(env: string): Promise<void> {
    const app = await createApp(testAppConfig({ NEWSDESK_API_KEYS: env }), { logger: false });
    await app.init();
    await app.close();
  }

  async function rowsFor(...values: string[]) {
    return db.query(
      'SELECT id, name, role, origin, revoked_at FROM api_keys WHERE secret_hash = ANY($1) ORDER BY name',
      [values.map(hashApiKeySecret)],
    );
  }

  it('stores each key once and keeps it across restarts, never storing the secret', async () => {
    const env = `reporter:ayse:${secrets.ayse},editor:jon:${secrets.jon},consumer:site:${secrets.site}`;
    await boot(env);
    const first = await rowsFor(secrets.ayse, secrets.jon, secrets.site);
    expect(first).toEqual([
      { id: expect.any(String), name: 'ayse', role: 'reporter', origin: 'environment', revoked_at: null },
      { id: expect.any(String), name: 'jon', role: 'editor', origin: 'environment', revoked_at: null },
      { id: expect.any(String), name: 'site', role: 'consumer', origin: 'environment', revoked_at: null },
    ]);

    await boot(env);
    expect(await rowsFor(secrets.ayse, secrets.jon, secrets.site)).toEqual(first);

    for (const secret of Object.values(secrets)) {
      const leaked = await db.query('SELECT count(*)::integer AS n FROM api_keys k WHERE strpos(row_to_json(k)::text, $1) > 0', [secret]);
      expect(leaked).toEqual([{ n: 0 }]);
    }
  });

  it('follows a changed name or role for the same secret, keeping the key id', async () => {
    const [before] = await rowsFor(secrets.jon);
    await boot(`admin:jon.ops:${secrets.jon}`);
    expect(await rowsFor(secrets.jon)).toEqual([{ ...before, name: 'jon.ops', role: 'admin' }]);
  });

  it('leaves a revoked key revoked on the next start', async () => {
    const [site] = await rowsFor(secrets.site);
    await db.query('UPDATE api_keys SET revoked_at = now() WHERE id = $1', [site.id]);
    await boot(`consumer:site:${secrets.site}`);
    const [after] = await rowsFor(secrets.site);
    expect(after.revoked_at).toBeInstanceOf(Date);

    const app = await createApp(testAppConfig({ NEWSDESK_API_KEYS: `consumer:site:${secrets.site}` }), { logger: false });
    await app.init();
    try {
      await expect(app.get(ApiKeyAuthenticator).authenticate(secrets.site)).resolves.toBeUndefined();
    } finally {
      await app.close();
    }
  });
});
