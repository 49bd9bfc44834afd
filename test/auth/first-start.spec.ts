import { ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../../src/app.factory';
import { ApiKeyRepository } from '../../src/auth/api-key.repository';
import { FIRST_START_BANNER } from '../../src/auth/first-start-keys';
import { ROLES } from '../../src/auth/roles';
import { loadAppConfig } from '../../src/config/app-config';
import { describeOnRealServer, separateTestDatabase } from '../support/test-database';

interface RunningService {
  child: ChildProcessWithoutNullStreams;
  output: () => string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** `npm start`'s entry point on the embedded PostgreSQL in `dataDir`, as a newcomer would run it. */
async function startService(dataDir: string, port: number): Promise<RunningService> {
  const env: NodeJS.ProcessEnv = { ...process.env, NEWSDESK_DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1' };
  delete env.DATABASE_URL;
  delete env.NEWSDESK_API_KEYS;
  const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', 'src/main.ts'], { env });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`service did not start in time:\n${output}`)), 60_000);
    child.once('exit', (code) => reject(new Error(`service exited with ${code}:\n${output}`)));
    child.stdout.on('data', () => {
      if (output.includes('Listening on')) {
        clearTimeout(timer);
        resolve();
      }
    });
  });
  return {
    child,
    output: () => output,
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

describe('first start on the embedded PostgreSQL with no keys', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'newsdesk-first-start-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('creates one key per role, prints them once in a clear block, and they work; a restart prints nothing', async () => {
    const port = await freePort();
    const first = await startService(dataDir, port);
    let printed: Record<string, string> = {};
    try {
      const output = first.output();
      expect(output.split(FIRST_START_BANNER)).toHaveLength(2);
      const block = output.slice(output.indexOf(FIRST_START_BANNER));
      for (const role of ROLES) {
        const match = new RegExp(`^  ${role}\\s+local-${role}\\s+(nd_[A-Za-z0-9_-]{43})$`, 'm').exec(block);
        expect(match).not.toBeNull();
        printed[role] = match![1];
      }
      expect(block).toContain(`curl -H "Authorization: Bearer ${printed.consumer}" http://127.0.0.1:${port}/auth/whoami`);

      for (const role of ROLES) {
        const response = await fetch(`http://127.0.0.1:${port}/auth/whoami`, { headers: { Authorization: `Bearer ${printed[role]}` } });
        expect(response.status).toBe(200);
        expect(await response.json()).toMatchObject({ role, name: `local-${role}` });
      }
    } finally {
      await first.stop();
    }

    const second = await startService(dataDir, port);
    try {
      expect(second.output()).not.toContain(FIRST_START_BANNER);
      expect(second.output()).not.toMatch(/nd_[A-Za-z0-9_-]{43}/);
      const response = await fetch(`http://127.0.0.1:${port}/auth/whoami`, { headers: { Authorization: `Bearer ${printed.editor}` } });
      expect(response.status).toBe(200);
    } finally {
      await second.stop();
    }
  });
});

describeOnRealServer('start on a real PostgreSQL server with no keys', () => {
  const database = separateTestDatabase('nokeys');

  beforeAll(() => database.create());
  afterAll(() => database.drop());

  it('creates no key that nobody asked for', async () => {
    const app = await createApp(loadAppConfig({ DATABASE_URL: database.url, PORT: '0' }), { logger: false });
    await app.init();
    try {
      expect(await app.get(ApiKeyRepository).count()).toBe(0);
    } finally {
      await app.close();
    }
  });
});
