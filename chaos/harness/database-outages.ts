import { exec } from 'node:child_process';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { delay } from '../../bench/harness/service-process';
import { TcpProxy } from '../../test/support/tcp-proxy';

const run = promisify(exec);

/** How the database goes away during chaos 2, and comes back. */
export interface DatabaseOutage {
  /** How the verdict line names it. */
  readonly name: string;
  /** Before the service starts; answers the URL the service must connect with. */
  setUp(databaseUrl: string): Promise<string>;
  cut(): Promise<void>;
  restore(): Promise<void>;
  /** Always, last: leaves the database reachable. */
  tearDown(): Promise<void>;
}

/**
 * The default: a TCP proxy between the service and the server is cut (every open connection reset,
 * new ones refused) and restored. To the service that is the server going away; the server itself,
 * shared with whatever else runs here, is left alone.
 */
export class ProxyCut implements DatabaseOutage {
  readonly name = 'PostgreSQL goes away during writes (TCP proxy cut)';
  private proxy?: TcpProxy;

  async setUp(databaseUrl: string): Promise<string> {
    const target = new URL(databaseUrl);
    this.proxy = new TcpProxy(target.hostname, Number(target.port || 5432));
    await this.proxy.start();
    return this.proxy.rewrite(databaseUrl);
  }

  cut(): Promise<void> {
    return this.proxy!.stop();
  }

  async restore(): Promise<void> {
    await this.proxy!.start();
  }

  async tearDown(): Promise<void> {
    await this.proxy?.stop();
  }
}

/**
 * The server itself stopped and started with the commands in `CHAOS_PG_STOP` and `CHAOS_PG_START`
 * (README: with `stop -m immediate` it is a crash as far as the data goes, and the start replays
 * the WAL). Opt-in, because it takes every other client of the server down with it.
 */
export class ServerRestart implements DatabaseOutage {
  readonly name = 'PostgreSQL stopped and started during writes (server restart)';
  private databaseUrl = '';
  private stopped = false;

  constructor(private readonly stopCommand: string, private readonly startCommand: string) {}

  async setUp(databaseUrl: string): Promise<string> {
    this.databaseUrl = databaseUrl;
    return databaseUrl;
  }

  async cut(): Promise<void> {
    this.stopped = true;
    await run(this.stopCommand);
  }

  async restore(): Promise<void> {
    await run(this.startCommand);
    this.stopped = false;
    await this.untilAccepting(60_000);
  }

  async tearDown(): Promise<void> {
    if (this.stopped) await this.restore();
  }

  private async untilAccepting(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const client = new Client({ connectionString: this.databaseUrl });
      try {
        await client.connect();
        await client.query('SELECT 1');
        return;
      } catch (error) {
        if (Date.now() > deadline) throw new Error(`PostgreSQL did not accept connections within ${timeoutMs} ms of "${this.startCommand}": ${(error as Error).message}`);
        await delay(200);
      } finally {
        await client.end().catch(() => undefined);
      }
    }
  }
}

/** {@link ServerRestart} when both `CHAOS_PG_STOP` and `CHAOS_PG_START` are set, else {@link ProxyCut}; one without the other is refused. */
export function outageFromEnvironment(env: NodeJS.ProcessEnv = process.env): DatabaseOutage {
  const stop = env.CHAOS_PG_STOP?.trim();
  const start = env.CHAOS_PG_START?.trim();
  if (!stop && !start) return new ProxyCut();
  if (!stop || !start) throw new Error('Set both CHAOS_PG_STOP and CHAOS_PG_START (the commands that stop and start the server), or neither');
  return new ServerRestart(stop, start);
}
