import { startVersionsTestApp, VersionsTestApp } from '../versions/support/versions-test-app';

// The one place this suite gets the running service: switch to createTestApp() when src/auth lands.
const startApp = (): Promise<VersionsTestApp> => startVersionsTestApp();

describe('GET /editor', () => {
  let service: VersionsTestApp;

  beforeAll(async () => {
    service = await startApp();
  });
  afterAll(() => service.close());

  it('serves the page without a key, locked to its own scripts and this API', async () => {
    const response = await service.http.get('/editor').expect(200);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    const policy = response.headers['content-security-policy'];
    expect(policy).toContain("script-src 'self'");
    expect(policy).toContain("connect-src 'self'");
    expect(policy).toContain("frame-ancestors 'none'");
    expect(response.headers['referrer-policy']).toBe('no-referrer');
    expect(response.text).toMatch(/<script src="\/editor\/editor.js" defer><\/script>/);
    // Every form control has its label.
    const ids = [...response.text.matchAll(/<(?:input|select) id="([^"]+)"/g)].map((match) => match[1]);
    expect(ids.length).toBeGreaterThan(3);
    for (const id of ids) expect(response.text).toContain(`<label for="${id}">`);
  });

  it('serves its stylesheet and script with their types, and the script builds no HTML from text', async () => {
    const styles = await service.http.get('/editor/editor.css').expect(200);
    expect(styles.headers['content-type']).toBe('text/css; charset=utf-8');
    expect(styles.text).toMatch(/@media print/);
    const script = await service.http.get('/editor/editor.js').expect(200);
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(script.text).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write/);
    expect(script.text).toMatch(/sessionStorage/);
    expect(script.text).not.toMatch(/localStorage/);
    expect(() => new Function(script.text)).not.toThrow();
  });
});
