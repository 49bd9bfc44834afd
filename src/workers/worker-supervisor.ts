import type { EventEmitter } from 'node:events';

/** What the supervisor needs of a `node:cluster` worker (tests give it fakes). */
export interface SupervisedWorker extends Pick<EventEmitter, 'once'> {
  readonly process: { readonly pid?: number };
  kill(signal?: NodeJS.Signals): void;
}

export interface WorkerSupervisorOptions {
  workers: number;
  /** Starts one more worker: `cluster.fork` in production. */
  fork: () => SupervisedWorker;
  log: (message: string) => void;
  /** A worker that lived shorter than this died young: its replacement waits (doubling) before it starts. */
  youngDeathMs?: number;
  /** First wait before replacing a worker that died young; it doubles while they keep dying young, up to `maxRestartDelayMs`. */
  restartDelayMs?: number;
  maxRestartDelayMs?: number;
  /** How long `stop` lets a worker finish after SIGTERM before it sends SIGKILL. */
  stopGraceMs?: number;
}

/** How the first start ended: every worker listening on `address`, or the exit of the worker that could not start. */
export type StartOutcome = { started: true; address: WorkerAddress } | { started: false; exitCode: number };

export interface WorkerAddress {
  address: string;
  port: number;
}

interface Running {
  worker: SupervisedWorker;
  since: number;
  exited: Promise<void>;
}

/**
 * Runs the service in `workers` processes sharing one port (the primary hands connections out in
 * turn). They start one after the other, each once the previous one listens, so that only the
 * first runs the migrations and provisions the API keys; if a worker exits before it ever listened
 * during that first start, the configuration or the database is wrong for all of them, so the rest
 * are stopped and the primary exits with that worker's code instead of restarting it in a loop.
 * Once started, a worker that exits is replaced: at once if it had been up a while, after a pause
 * that doubles while replacements keep dying young. Projections need no care here: each worker
 * runs the projection runner as any instance does, and the advisory locks give each projection to
 * one of them (another takes it over if that one dies).
 */
export class WorkerSupervisor {
  private readonly running = new Set<Running>();
  private stopping = false;
  private restartDelay = 0;
  private restartTimer?: NodeJS.Timeout;
  private readonly youngDeathMs: number;
  private readonly restartDelayMs: number;
  private readonly maxRestartDelayMs: number;
  private readonly stopGraceMs: number;

  constructor(private readonly options: WorkerSupervisorOptions) {
    this.youngDeathMs = options.youngDeathMs ?? 10_000;
    this.restartDelayMs = options.restartDelayMs ?? 1_000;
    this.maxRestartDelayMs = options.maxRestartDelayMs ?? 30_000;
    this.stopGraceMs = options.stopGraceMs ?? 10_000;
  }

  /** Starts the workers one by one; resolves once all listen, or once one of them could not start (the others stopped). */
  async start(): Promise<StartOutcome> {
    let address: WorkerAddress | undefined;
    for (let started = 0; started < this.options.workers; started++) {
      if (this.stopping) return { started: false, exitCode: 0 };
      const outcome = await this.startOne();
      if ('entry' in outcome) {
        // Stopped on request meanwhile: not a failure.
        if (this.stopping) return { started: false, exitCode: 0 };
        this.options.log(`Worker ${started + 1} of ${this.options.workers} ${describeExit(outcome.exitCode, outcome.signal)} before it listened; stopping`);
        await this.stop();
        return { started: false, exitCode: outcome.exitCode || 1 };
      }
      address ??= outcome.address;
    }
    return { started: true, address: address! };
  }

  /** SIGTERM to every worker, SIGKILL to those still running after the grace period; no worker is replaced from now on. */
  async stop(): Promise<void> {
    this.stopping = true;
    clearTimeout(this.restartTimer);
    const running = [...this.running];
    for (const { worker } of running) worker.kill('SIGTERM');
    const grace = setTimeout(() => running.forEach(({ worker }) => worker.kill('SIGKILL')), this.stopGraceMs);
    await Promise.all(running.map(({ exited }) => exited));
    clearTimeout(grace);
  }

  /** Live workers' process ids. */
  pids(): number[] {
    return [...this.running].map(({ worker }) => worker.process.pid).filter((pid): pid is number => pid !== undefined);
  }

  /** Forks a worker; resolves when it listens, or when it exits before that (a worker that exits after listening is replaced). */
  private startOne(): Promise<{ address: WorkerAddress } | EarlyExit> {
    const worker = this.options.fork();
    let markExited!: () => void;
    const entry: Running = { worker, since: Date.now(), exited: new Promise((resolve) => (markExited = resolve)) };
    this.running.add(entry);
    return new Promise((resolve) => {
      let listening = false;
      worker.once('listening', (address: WorkerAddress) => {
        listening = true;
        resolve({ address });
      });
      worker.once('exit', (code: number | null, signal: NodeJS.Signals | null) => {
        this.running.delete(entry);
        markExited();
        if (listening) this.replace(entry, code, signal);
        else resolve({ entry, exitCode: code ?? 1, signal });
      });
    });
  }

  private replace(dead: Running, code: number | null, signal: NodeJS.Signals | null): void {
    if (this.stopping) return;
    const diedYoung = Date.now() - dead.since < this.youngDeathMs;
    this.restartDelay = diedYoung ? Math.min(Math.max(this.restartDelay * 2, this.restartDelayMs), this.maxRestartDelayMs) : 0;
    this.options.log(`Worker ${dead.worker.process.pid} ${describeExit(code, signal)}; starting another${this.restartDelay ? ` in ${this.restartDelay} ms` : ''}`);
    this.restartTimer = setTimeout(() => this.restartOne(), this.restartDelay);
  }

  /** A replacement that cannot start is replaced in turn (with the growing pause): the others keep serving meanwhile. */
  private restartOne(): void {
    if (this.stopping) return;
    void this.startOne().then((outcome) => {
      if ('entry' in outcome) this.replace(outcome.entry, outcome.exitCode, outcome.signal);
    });
  }
}

interface EarlyExit {
  entry: Running;
  exitCode: number;
  signal: NodeJS.Signals | null;
}

function describeExit(code: number | null, signal: NodeJS.Signals | null): string {
  return signal ? `was killed by ${signal}` : `exited with code ${code}`;
}
