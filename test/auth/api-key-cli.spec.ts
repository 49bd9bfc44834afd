import { spawnSync } from 'node:child_process';
import { createTestApp, TestApp } from '../support/test-app';
import { testDatabaseUrl } from '../support/test-database';

/** Runs `npm run apikey:<command> -- <args>` against this run's test database. */
function apikey(command: string, ...args: string[]) {
  const run = spawnSync('npm', ['run', '--silent', `apikey:${command}`, '--', ...args], {
    env: { ...process.env, DATABASE_URL: testDatabaseUrl(), NEWSDESK_RUN_MIGRATIONS: 'false', NEWSDESK_API_KEYS: '' },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('npm run apikey:create / apikey:list / apikey:revoke', () => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await createTestApp({ env: { NEWSDESK_API_KEY_CACHE_TTL_MS: '0' } });
  });
  afterAll(() => testApp.close());

  const name = `cli-${Date.now().toString(36)}`;

  it('creates a key, prints its secret once, lists it without the secret, and revokes it', async () => {
    const created = apikey('create', '--role', 'editor', '--name', name);
    expect(created.status).toBe(0);
    const secret = /^\s+(nd_[A-Za-z0-9_-]{43})$/m.exec(created.stdout)?.[1];
    expect(secret).toBeDefined();
    expect(created.stdout.split(secret!).length - 1).toBe(1);
    const id = /Created API key ([0-9a-f-]{36}) for editor "/.exec(created.stdout)?.[1];
    expect(id).toBeDefined();

    const whoami = await testApp.http.get('/auth/whoami').set('Authorization', `Bearer ${secret}`).expect(200);
    expect(whoami.body).toEqual({ keyId: id, name, role: 'editor' });

    const listed = apikey('list');
    expect(listed.status).toBe(0);
    expect(listed.stdout).toMatch(/^id\s+role\s+name\s+origin\s+created\s+state$/m);
    expect(listed.stdout).toMatch(new RegExp(`^${id}\\s+editor\\s+${name}\\s+cli\\s+\\S+\\s+active$`, 'm'));
    expect(listed.stdout).not.toContain(secret);
    expect(listed.stdout).not.toMatch(/nd_/);

    const revoked = apikey('revoke', '--id', id!);
    expect(revoked.status).toBe(0);
    expect(revoked.stdout).toContain(`Revoked API key ${id} (editor "${name}")`);
    await testApp.http.get('/auth/whoami').set('Authorization', `Bearer ${secret}`).expect(401);
    expect(apikey('list').stdout).toMatch(new RegExp(`^${id}\\s+editor\\s+${name}\\s+cli\\s+\\S+\\s+revoked \\S+$`, 'm'));

    const again = apikey('revoke', '--id', id!);
    expect(again.status).toBe(1);
    expect(again.stderr).toBe(`newsdesk: no active key with id ${id}\n`);
  });

  it('revokes every active key of a name with --name', async () => {
    const other = `${name}-pair`;
    const secrets = [apikey('create', '--role', 'consumer', '--name', other), apikey('create', '--role', 'reporter', '--name', other)].map(
      (run) => /^\s+(nd_\S+)$/m.exec(run.stdout)![1],
    );
    const revoked = apikey('revoke', '--name', other);
    expect(revoked.status).toBe(0);
    expect(revoked.stdout.match(/^Revoked API key /gm)).toHaveLength(2);
    for (const secret of secrets) await testApp.http.get('/auth/whoami').set('Authorization', `Bearer ${secret}`).expect(401);
  });

  it.each([
    [['create', '--role', 'writer', '--name', 'x'], '--role must be one of reporter, editor, consumer, admin'],
    [['create', '--role', 'editor'], '--name is required; names are 1-100 letters, digits, . _ @ -'],
    [['create', '--role', 'editor', '--name', 'x', '--admin'], "Unknown option '--admin'"],
    [['revoke'], 'revoke needs exactly one of --id or --name'],
    [['revoke', '--id', 'abc', '--name', 'x'], 'revoke needs exactly one of --id or --name'],
    [['revoke', '--id', 'abc'], '--id must be a key id as apikey:list shows it'],
  ])('refuses %j with a usage message and exit code 2', (args, problem) => {
    const [command, ...rest] = args;
    const run = apikey(command, ...rest);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(new RegExp(`^newsdesk: ${problem.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\nusage:\n  npm run apikey:create`));
    expect(run.stdout).toBe('');
  });
});
