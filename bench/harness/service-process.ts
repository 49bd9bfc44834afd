import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { serviceDist } from './service-build';

/** The compiled service (`npm run build`); the harness measures what production runs. */
function serviceEntry(): string {
  return join(serviceDist(), 'src', 'main.js');
}

export interface ServiceOptions {
  databaseUrl: string;
  apiKeys: string;
  /** Reuse a port across restarts so clients keep one base URL; a free one by default. */
  port?: number;
  /** Extra variables (for example NEWSDESK_PROJECTIONS=off; with NEWSDESK_WORKERS above 1, `start` waits for every worker). */
  env?: Record<string, string>;
  /** Extra node flags (for example --cpu-prof). */
  nodeFlags?: string[];
}

/** The service under test, running as a child process on 127.0.0.1. */
export class ServiceProcess {
  private exited: Promise<number | null>;
  private output = '';

  private constructor(private readonly child: ChildProcess, readonly port: number) {
    this.exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
    const keep = (chunk: Buffer) => (this.output = (this.output + chunk.toString()).slice(-8_000));
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get pid(): number {
    return this.child.pid ?? -1;
  }

  /**
   * Starts the service and resolves once GET /health answers (any status: the database may be down
   * on purpose) and, with several workers, once the primary reports all of them listening.
   */
  static async start(options: ServiceOptions): Promise<ServiceProcess> {
    const entry = serviceEntry();
    if (!existsSync(entry)) throw new Error(`${entry} is missing: run \`npm run build\` first`);
    const port = options.port ?? (await freePort());
    const child = spawn(process.execPath, [...(options.nodeFlags ?? []), entry], {
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        DATABASE_URL: options.databaseUrl,
        DATABASE_POOL_SIZE: '20',
        PORT: String(port),
        HOST: '127.0.0.1',
        NEWSDESK_API_KEYS: options.apiKeys,
        NEWSDESK_RATE_LIMIT_PER_MINUTE: '0',
        ...options.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const service = new ServiceProcess(child, port);
    await service.waitUntilAnswering(30_000);
    if (Number(options.env?.NEWSDESK_WORKERS ?? 1) > 1) await service.waitForOutput(/Listening on \S+ with \d+ workers/, 60_000);
    return service;
  }

  /** Recent stdout and stderr, for a failure message. */
  recentOutput(): string {
    return this.output;
  }

  /** SIGTERM and wait (bounded) for a clean exit, SIGKILL after that. */
  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    this.child.kill('SIGTERM');
    const stopped = await Promise.race([this.exited.then(() => true), delay(10_000).then(() => false)]);
    if (!stopped) await this.kill();
  }

  /** SIGKILL: no shutdown hooks, open transactions die with their connections. */
  async kill(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    this.child.kill('SIGKILL');
    await this.exited;
  }

  private async waitForOutput(pattern: RegExp, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!pattern.test(this.output)) {
      if (this.child.exitCode !== null) throw new Error(`the service exited with ${this.child.exitCode}:\n${this.output}`);
      if (Date.now() > deadline) {
        await this.kill();
        throw new Error(`the service did not print ${pattern} within ${timeoutMs} ms:\n${this.output}`);
      }
      await delay(100);
    }
  }

  private async waitUntilAnswering(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (this.child.exitCode !== null) throw new Error(`the service exited with ${this.child.exitCode}:\n${this.output}`);
      try {
        await fetch(`${this.url}/health`, { signal: AbortSignal.timeout(1_000) });
        return;
      } catch {
        await delay(100);
      }
    }
    await this.kill();
    throw new Error(`the service did not answer within ${timeoutMs} ms:\n${this.output}`);
  }
}

export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** A port nobody listens on right now (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}
