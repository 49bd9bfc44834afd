import { request as httpRequest } from 'node:http';
import { runTypeScript, RunningScript } from '../projections/support/child-process';
import { TEST_API_KEYS } from '../support/test-app';
import { describeOnRealServer, testDatabaseUrl } from '../support/test-database';

const report = { party: 'villagers', category: 'wounded', status: 'confirmed', source: { name: 'District clinic' } };
/** Each report later than the one before, so the latest is the current one. */
const asOf = (figure: number) => new Date(Date.UTC(2026, 10, 27, 9, figure)).toISOString();

/**
 * `NEWSDESK_WORKERS=2` on the real entry point: one primary, two workers sharing the port. Every
 * request below goes over a connection of its own, so the primary hands them out in turn.
 */
describeOnRealServer('the service in two worker processes', () => {
  let service: RunningScript;
  let port: number;
  let workers: number[];

  beforeAll(async () => {
    const apiKeys = Object.entries(TEST_API_KEYS).map(([role, secret]) => `${role}:test-${role}:${secret}`).join(',');
    service = runTypeScript('src/main.ts', [], {
      DATABASE_URL: testDatabaseUrl(),
      NEWSDESK_WORKERS: '2',
      PORT: '0',
      HOST: '127.0.0.1',
      NEWSDESK_API_KEYS: apiKeys,
      NEWSDESK_RATE_LIMIT_PER_MINUTE: '0',
      NO_COLOR: '1',
    });
    const started = await outputMatching(/Listening on http:\/\/127\.0\.0\.1:(\d+) with 2 workers, processes (\d+), (\d+)/);
    port = Number(started[1]);
    workers = [Number(started[2]), Number(started[3])];
  }, 90_000);
  afterAll(async () => {
    if (service.child.exitCode === null) service.child.kill('SIGKILL');
    await service.exited;
  });

  /** Polls the output until `found` finds something in it; fails, with the output, if the service exits or `timeoutMs` passes. */
  async function untilOutput<Found>(what: string, found: (output: string) => Found | null | undefined, timeoutMs = 60_000): Promise<Found> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const result = found(service.output());
      if (result !== null && result !== undefined) return result;
      if (service.child.exitCode !== null) throw new Error(`the service exited with ${service.child.exitCode}:\n${service.output()}`);
      if (Date.now() > deadline) throw new Error(`no ${what} in the output within ${timeoutMs} ms:\n${service.output()}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  const outputMatching = (pattern: RegExp) => untilOutput(String(pattern), (output) => pattern.exec(output));

  /** Every worker that has said it listens, originals and replacements, in order. */
  const listeningPids = (output = service.output()) =>
    [...output.matchAll(/\[Nest\] (\d+) .*Listening on http:\/\/127\.0\.0\.1:\d+ \(health/g)].map((match) => Number(match[1]));

  /** One request on a connection of its own. */
  function send(method: string, path: string, body?: object): Promise<{ status: number; body: any }> {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const role = method === 'GET' ? 'consumer' : 'reporter';
    return new Promise((resolve, reject) => {
      const req = httpRequest(
        {
          host: '127.0.0.1',
          port,
          method,
          path,
          agent: false,
          headers: { authorization: `Bearer ${TEST_API_KEYS[role]}`, ...(payload ? { 'content-type': 'application/json' } : {}) },
        },
        (res) => {
          let text = '';
          res.on('data', (chunk: Buffer) => (text += chunk.toString()));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text ? JSON.parse(text) : undefined }));
        },
      );
      req.on('error', reject);
      req.setTimeout(10_000, () => req.destroy(new Error(`${method} ${path} had no answer within 10 s`)));
      req.end(payload);
    });
  }

  /** Writes `rounds` reports, each read back at once with `minPosition` on another connection. */
  async function writeAndReadBack(storyId: string, rounds: number, from: number): Promise<void> {
    for (let figure = from; figure < from + rounds; figure++) {
      const written = await send('POST', `/stories/${storyId}/casualty-reports`, { ...report, figure: { min: figure, max: figure }, asOf: asOf(figure) });
      expect([written.status, written.body]).toEqual([201, expect.objectContaining({ position: expect.any(Number) })]);
      const read = await send('GET', `/stories/${storyId}/casualties?minPosition=${written.body.position}`);
      expect(read.status).toBe(200);
      expect(read.body.tallies).toEqual([expect.objectContaining({ party: 'villagers', category: 'wounded', current: expect.objectContaining({ figure: { min: figure, max: figure } }) })]);
    }
  }

  it('answers writes, and reads that wait for them, whichever worker each connection reaches', async () => {
    const opened = await send('POST', '/stories', { slug: `two-workers-${Date.now()}`, headline: 'Floods reach the valley' });
    expect(opened.status).toBe(201);
    await writeAndReadBack(opened.body.storyId, 6, 1);
  });

  it('replaces a killed worker; meanwhile, and then with the replacement, the service answers', async () => {
    const opened = await send('POST', '/stories', { slug: `worker-killed-${Date.now()}`, headline: 'Bridge closed after quake' });
    for (const [index, victim] of workers.entries()) {
      process.kill(victim, 'SIGKILL');
      await outputMatching(new RegExp(`Worker ${victim} was killed by SIGKILL; starting another`));
      // The survivor serves alone until the replacement listens: these reach it.
      await writeAndReadBack(opened.body.storyId, 3, 10 * (index + 1));
      // Only then the next: with no worker left the port would close until one is back.
      await untilOutput(`replacement for ${victim} listening`, (output) => listeningPids(output).filter((pid) => !workers.includes(pid)).length >= index + 1 || null);
    }
    // Both replacements serve: the originals are gone.
    await writeAndReadBack(opened.body.storyId, 4, 30);
  }, 150_000);

  it('stops every worker and exits 0 on SIGTERM', async () => {
    const running = listeningPids();
    service.child.kill('SIGTERM');
    expect(await service.exited).toBe(0);
    for (const pid of running) expect(() => process.kill(pid, 0)).toThrow(expect.objectContaining({ code: 'ESRCH' }));
  });
});

describeOnRealServer('workers that cannot start', () => {
  it('stop the service with the first one’s exit code instead of starting it again and again', async () => {
    // An address no interface has: the first worker's listen fails.
    const service = runTypeScript('src/main.ts', [], { DATABASE_URL: testDatabaseUrl(), NEWSDESK_WORKERS: '2', PORT: '0', HOST: '192.0.2.1', NO_COLOR: '1' });
    expect(await service.exited).toBe(1);
    expect(service.output()).toContain('EADDRNOTAVAIL');
    expect(service.output()).toContain('Worker 1 of 2 exited with code 1 before it listened; stopping');
    expect(service.output().match(/Starting Nest application/g)).toHaveLength(1);
  });
});
