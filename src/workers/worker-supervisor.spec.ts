import { EventEmitter } from 'node:events';
import { jest } from '@jest/globals';
import { SupervisedWorker, WorkerSupervisor } from './worker-supervisor';

/** A worker that does what the test tells it: listen, exit, or obey signals. */
class FakeWorker extends EventEmitter implements SupervisedWorker {
  readonly signals: string[] = [];
  constructor(readonly process: { pid: number }, private readonly obeys: boolean) {
    super();
  }
  listen(port = 3000): void {
    this.emit('listening', { address: '127.0.0.1', port });
  }
  exit(code: number | null, signal: NodeJS.Signals | null = null): void {
    this.emit('exit', code, signal);
  }
  kill(signal: NodeJS.Signals = 'SIGTERM'): void {
    this.signals.push(signal);
    if (this.obeys || signal === 'SIGKILL') setImmediate(() => this.exit(null, signal));
  }
}

function supervisorOf(workers: number, options: { obeys?: boolean } = {}) {
  const forked: FakeWorker[] = [];
  const logged: string[] = [];
  const supervisor = new WorkerSupervisor({
    workers,
    fork: () => {
      const worker = new FakeWorker({ pid: 100 + forked.length }, options.obeys ?? true);
      forked.push(worker);
      return worker;
    },
    log: (message) => logged.push(message),
    youngDeathMs: 10_000,
    restartDelayMs: 1_000,
    maxRestartDelayMs: 4_000,
    stopGraceMs: 5_000,
  });
  return { supervisor, forked, logged };
}

const flush = () => new Promise((resolve) => setImmediate(resolve));

/** A supervisor whose first start has ended with every worker listening. */
async function startedSupervisor(workers: number, options: { obeys?: boolean } = {}) {
  const supervised = supervisorOf(workers, options);
  const started = supervised.supervisor.start();
  for (let index = 0; index < workers; index++) {
    await flush();
    supervised.forked[index].listen();
  }
  await started;
  return supervised;
}

describe('WorkerSupervisor', () => {
  afterEach(() => jest.useRealTimers());

  it('starts the workers one after the other, each once the previous one listens', async () => {
    const { supervisor, forked } = supervisorOf(3);
    const started = supervisor.start();
    await flush();
    expect(forked).toHaveLength(1);
    forked[0].listen(4321);
    await flush();
    expect(forked).toHaveLength(2);
    forked[1].listen(4321);
    await flush();
    forked[2].listen(4321);
    await expect(started).resolves.toEqual({ started: true, address: { address: '127.0.0.1', port: 4321 } });
    expect(supervisor.pids()).toEqual([100, 101, 102]);
  });

  it('stops the others and reports the exit code when a worker exits before it listens during the first start', async () => {
    const { supervisor, forked, logged } = supervisorOf(3);
    const started = supervisor.start();
    await flush();
    forked[0].listen();
    await flush();
    forked[1].exit(3);
    await expect(started).resolves.toEqual({ started: false, exitCode: 3 });
    expect(forked).toHaveLength(2);
    expect(forked[0].signals).toEqual(['SIGTERM']);
    expect(supervisor.pids()).toEqual([]);
    expect(logged).toEqual(['Worker 2 of 3 exited with code 3 before it listened; stopping']);
  });

  it('replaces a worker that dies after it has served a while, at once', async () => {
    jest.useFakeTimers({ doNotFake: ['setImmediate'] });
    const { supervisor, forked, logged } = await startedSupervisor(2);
    jest.advanceTimersByTime(60_000);
    forked[0].exit(null, 'SIGKILL');
    jest.advanceTimersByTime(0);
    expect(forked).toHaveLength(3);
    expect(logged).toEqual(['Worker 100 was killed by SIGKILL; starting another']);
    forked[2].listen();
    await flush();
    expect(supervisor.pids()).toEqual([101, 102]);
  });

  it('waits longer and longer before replacing workers that keep dying young, replacements that cannot start included', async () => {
    jest.useFakeTimers({ doNotFake: ['setImmediate'] });
    const { forked, logged } = await startedSupervisor(1);
    forked[0].exit(1);
    expect(forked).toHaveLength(1);
    jest.advanceTimersByTime(999);
    expect(forked).toHaveLength(1);
    jest.advanceTimersByTime(1);
    expect(forked).toHaveLength(2);
    forked[1].exit(1); // never listened
    await flush();
    jest.advanceTimersByTime(1_999);
    expect(forked).toHaveLength(2);
    jest.advanceTimersByTime(1);
    expect(forked).toHaveLength(3);
    forked[2].listen();
    forked[2].exit(1);
    jest.advanceTimersByTime(4_000); // capped
    expect(forked).toHaveLength(4);
    expect(logged).toEqual([
      'Worker 100 exited with code 1; starting another in 1000 ms',
      'Worker 101 exited with code 1; starting another in 2000 ms',
      'Worker 102 exited with code 1; starting another in 4000 ms',
    ]);
  });

  it('stops every worker with SIGTERM, replaces none of them, and resolves once all have exited', async () => {
    const { supervisor, forked } = await startedSupervisor(2);
    await supervisor.stop();
    expect(forked.map((worker) => worker.signals)).toEqual([['SIGTERM'], ['SIGTERM']]);
    expect(forked).toHaveLength(2);
    expect(supervisor.pids()).toEqual([]);
  });

  it('sends SIGKILL to a worker still running when the grace period ends', async () => {
    jest.useFakeTimers({ doNotFake: ['setImmediate'] });
    const { supervisor, forked } = await startedSupervisor(1, { obeys: false });
    let stopped = false;
    const stopping = supervisor.stop().then(() => (stopped = true));
    await flush();
    expect(stopped).toBe(false);
    jest.advanceTimersByTime(5_000);
    await stopping;
    expect(forked[0].signals).toEqual(['SIGTERM', 'SIGKILL']);
  });

  it('ends a first start interrupted by stop as stopped, not failed', async () => {
    const { supervisor, forked } = supervisorOf(2);
    const started = supervisor.start();
    await flush();
    await supervisor.stop();
    await expect(started).resolves.toEqual({ started: false, exitCode: 0 });
    expect(forked).toHaveLength(1);
  });
});
