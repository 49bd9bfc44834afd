import { ROLES, Role } from '../../src/auth/roles';
import { bearer, createTestApp, TestApp } from '../support/test-app';
import { RoleProbeModule } from './role-probe.module';

describe('API keys and roles over HTTP', () => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await createTestApp({ extraModules: [RoleProbeModule] });
  });
  afterAll(() => testApp.close());

  const routes: { kind: Role | 'undeclared'; method: 'get' | 'post'; path: string; allowed: Role[] }[] = [
    { kind: 'consumer', method: 'get', path: '/probe/consumer', allowed: ['consumer', 'reporter', 'editor', 'admin'] },
    { kind: 'reporter', method: 'post', path: '/probe/reporter', allowed: ['reporter', 'editor'] },
    { kind: 'editor', method: 'post', path: '/probe/editor', allowed: ['editor'] },
    { kind: 'admin', method: 'post', path: '/probe/admin', allowed: ['admin'] },
    { kind: 'undeclared', method: 'get', path: '/probe/undeclared', allowed: ['admin'] },
  ];

  describe.each(routes)('a route requiring $kind', ({ method, path, allowed }) => {
    it.each(ROLES.map((role) => [role, allowed.includes(role) ? 'let in' : 'refused with 403'] as const))('a %s key is %s', async (role, verdict) => {
      const expected = verdict === 'let in';
      const response = await testApp.http[method](path).set('Authorization', bearer(role));
      expect(response.status).toBe(expected ? (method === 'post' ? 201 : 200) : 403);
      if (expected && path !== '/probe/undeclared') expect(response.body).toMatchObject({ role, name: `test-${role}`, keyId: expect.any(String) });
      expect(response.headers['www-authenticate']).toBeUndefined();
    });
  });

  it('lets a method rule override its controller rule', async () => {
    await testApp.http.get('/probe-editor-desk').set('Authorization', bearer('consumer')).expect(200, { reached: 'anyone' });
    await testApp.http.post('/probe-editor-desk').set('Authorization', bearer('reporter')).expect(403);
    await testApp.http.post('/probe-editor-desk').set('Authorization', bearer('editor')).expect(201, { reached: 'editor-only' });
  });

  describe('401 with WWW-Authenticate: Bearer', () => {
    it('when no key is sent', async () => {
      const response = await testApp.http.get('/probe/consumer').expect(401);
      expect(response.headers['www-authenticate']).toBe('Bearer realm="newsdesk"');
    });

    it.each([
      ['another scheme', `Basic ${Buffer.from('ayse:secret').toString('base64')}`],
      ['no token', 'Bearer'],
      ['two tokens', 'Bearer nd_one nd_two'],
      ['characters a token cannot have', 'Bearer nd_"quoted"'],
    ])('when the header has %s', async (_case, header) => {
      const response = await testApp.http.get('/probe/consumer').set('Authorization', header).expect(401);
      expect(response.headers['www-authenticate']).toBe('Bearer realm="newsdesk"');
    });

    it('when the key is unknown, even on a route anyone with a key may use', async () => {
      const response = await testApp.http.get('/probe/consumer').set('Authorization', 'Bearer nd_not-a-key-anyone-has-0000000000000').expect(401);
      expect(response.headers['www-authenticate']).toBe('Bearer realm="newsdesk", error="invalid_token"');
    });

    it('before any role check: a bad key on an admin route is 401, not 403', async () => {
      await testApp.http.post('/probe/admin').set('Authorization', 'Bearer nd_wrong').expect(401);
    });
  });

  describe('routes that need no key', () => {
    it('GET /health', async () => {
      await testApp.http.get('/health').expect(200);
    });

    it('a @Public() route, which ignores even a wrong key', async () => {
      await testApp.http.get('/probe/public').expect(200, { principal: null });
      await testApp.http.get('/probe/public').set('Authorization', 'Bearer nd_wrong').expect(200, { principal: null });
    });

    it('/docs and /docs-json, served by SwaggerModule outside the controllers', async () => {
      const page = await testApp.http.get('/docs').expect(200);
      expect(page.text).toContain('<title>Newsdesk API</title>');
      const spec = await testApp.http.get('/docs-json').expect(200);
      expect(spec.body.paths['/stories/{id}/casualty-reports']).toBeDefined();
      // Choices the contract leaves open are documented on the routes themselves.
      expect(spec.body.paths['/events/live'].get.description).toMatch(/starts at the current head/);
      expect(spec.body.paths['/stories/{id}/diff'].get.description).toMatch(/refused \(422 diff_versions_reversed\)/);
    });
  });

  it('GET /auth/whoami tells any key who it is', async () => {
    for (const role of ROLES) {
      const response = await testApp.http.get('/auth/whoami').set('Authorization', bearer(role)).expect(200);
      expect(response.body).toEqual({ keyId: expect.stringMatching(/^[0-9a-f-]{36}$/), name: `test-${role}`, role });
    }
    await testApp.http.get('/auth/whoami').expect(401);
  });
});
