import { spawnSync } from 'node:child_process';
import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { createApp } from '../../src/app.factory';
import { TcpProxy } from '../support/tcp-proxy';
import { testAppConfig, testDatabaseUrl } from '../support/test-database';

describe('booting the service', () => {
  it('stops at once with one line naming a bad variable', () => {
    const run = spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', 'src/main.ts'], {
      env: { ...process.env, PORT: 'eighty', DATABASE_URL: 'not-a-url' },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr.trim().split('\n')).toEqual([
      'newsdesk: Invalid configuration: PORT must be a whole number from 0 to 65535 (got "eighty"); ' +
        'DATABASE_URL must be a postgres:// or postgresql:// connection URL (got "not-a-url")',
    ]);
  });

  describe('GET /health', () => {
    let app: INestApplication;
    beforeAll(async () => {
      app = await createApp(testAppConfig(), { logger: false });
      await app.init();
    });
    afterAll(() => app.close());

    it('answers 200 with the database up and no key needed', async () => {
      const response = await request(app.getHttpServer()).get('/health').expect(200);
      expect(response.body).toEqual({ status: 'ok', database: 'up', projections: expect.any(Array) });
    });
  });

  it('GET /health answers 503 while the database is unreachable, and recovers when it is back', async () => {
    const target = new URL(testDatabaseUrl());
    const proxy = new TcpProxy(target.hostname, Number(target.port || 5432));
    await proxy.start();
    const app = await createApp(testAppConfig({ DATABASE_URL: proxy.rewrite(testDatabaseUrl()) }), { logger: false });
    await app.init();
    try {
      await request(app.getHttpServer()).get('/health').expect(200);

      await proxy.stop();
      const down = await request(app.getHttpServer()).get('/health').expect(503);
      expect(down.body).toMatchObject({ status: 'error', database: 'down' });

      await proxy.start();
      await waitFor(async () => (await request(app.getHttpServer()).get('/health')).status === 200);
    } finally {
      await app.close();
      await proxy.stop();
    }
  });
});

async function waitFor(condition: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
