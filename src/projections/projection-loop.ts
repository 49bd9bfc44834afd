import { Logger } from '@nestjs/common';
import type { StoredEvent } from '../event-store/event-store.types';
import type { ApplierLease } from './applier-session';
import type { Projection } from './projection';
import type { ProjectionBatchApplier } from './projection-batch-applier';
import type { ProjectionCheckpoints } from './projection-checkpoints';
import type { EventLogReader } from './shared-event-reads';
import { ProjectionApplyError, StaleCheckpointError } from './projections.errors';
import { WakeSignal } from './wake-signal';

export interface ProjectionLoopSettings {
  batchSize: number;
  pollMs: number;
  retryMaxMs: number;
  lockRetryMs: number;
}

export interface ProjectionLoopDependencies {
  store: EventLogReader;
  batches: ProjectionBatchApplier;
  checkpoints: ProjectionCheckpoints;
  lease: ApplierLease;
  settings: ProjectionLoopSettings;
  /** Told after every committed batch, so reads waiting for a position wake at once. */
  onCheckpointMoved(name: string, position: number): void;
}

/** How long to wait before the next turn, and whether a NOTIFY may cut the wait short. */
interface Pause {
  ms: number;
  wakeOnEvents: boolean;
}

const NO_PAUSE: Pause = { ms: 0, wakeOnEvents: true };
const FIRST_RETRY_MS = 100;

/**
 * Keeps one projection up to date, independently of the others: catch up in batches, then sleep
 * until a NOTIFY or the poll interval. When the projection throws, it finds the exact event (by
 * retrying the failed batch one event at a time), records it, and retries it with a doubling,
 * capped back-off — never skipping it.
 */
export class ProjectionLoop {
  private readonly signal = new WakeSignal();
  private readonly logger: Logger;
  private stopped = false;
  private running?: Promise<void>;
  private hasCheckpointRow = false;
  /** Consecutive failed attempts (of the projection, or of the database), for the back-off. */
  private failures = 0;
  /** After a batch failed: apply one event per transaction up to this position, to find the culprit. */
  private singleStepThrough = 0;
  /** Why the last turn failed outside the projection's code (e.g. an event no upcaster can read). */
  private lastProblem: string | null = null;
  /**
   * The checkpoint this loop's last batch committed, so the next turn need not read it back. Only a
   * hint: every batch is a compare-and-set, so if a rebuild's swap or another instance moved it, the
   * batch fails as stale and the loop reads the checkpoint again.
   */
  private knownPosition: number | null = null;

  constructor(private readonly projection: Projection, private readonly deps: ProjectionLoopDependencies) {
    this.logger = new Logger(`Projection ${projection.name}`);
  }

  /** A failure outside the projection's own code, for `/health`; null while turns succeed. */
  get problem(): string | null {
    return this.lastProblem;
  }

  start(): void {
    this.running ??= this.run();
  }

  /** New events may be there: end an idle wait now. */
  wake(): void {
    this.signal.wake();
  }

  /** Finishes the batch in flight, then stops. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.signal.wake();
    await this.running;
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      const pause = await this.turn().catch((error: unknown) => this.onRunnerError(error));
      await this.pause(pause);
    }
  }

  private async turn(): Promise<Pause> {
    const { lease, checkpoints, store, settings } = this.deps;
    if (!(await lease.tryHold(this.projection.name))) return { ms: settings.lockRetryMs, wakeOnEvents: false };
    if (!this.hasCheckpointRow) {
      await checkpoints.ensure([this.projection.name]);
      this.hasCheckpointRow = true;
    }
    const after = this.knownPosition ?? (await checkpoints.position(this.projection.name));
    this.knownPosition = null;
    const limit = after < this.singleStepThrough ? 1 : settings.batchSize;
    const events = await store.readAll({ after, limit });
    this.lastProblem = null;
    if (events.length === 0) {
      this.knownPosition = after;
      return { ms: settings.pollMs, wakeOnEvents: true };
    }
    try {
      const position = await this.deps.batches.applyBatch(this.projection, after, events);
      this.knownPosition = position;
      this.recovered();
      this.deps.onCheckpointMoved(this.projection.name, position);
      return NO_PAUSE;
    } catch (error) {
      // Moved under us (a rebuild swapped its tables in, or another instance applied): read again.
      if (error instanceof StaleCheckpointError) return NO_PAUSE;
      if (error instanceof ProjectionApplyError) return this.onApplyError(after, events, error);
      throw error;
    }
  }

  private async onApplyError(after: number, events: StoredEvent[], error: ProjectionApplyError): Promise<Pause> {
    if (events.length > 1) {
      this.singleStepThrough = events[events.length - 1].position;
      return NO_PAUSE;
    }
    const [event] = events;
    this.singleStepThrough = Math.max(this.singleStepThrough, event.position);
    this.failures += 1;
    if (this.failures === 1) {
      this.logger.error(`Stuck at event ${event.eventId} (position ${event.position}, ${event.type}): ${error.message}`, (error.cause as Error)?.stack);
    }
    await this.deps.checkpoints.recordFailure(this.projection.name, after, event, error.message);
    return { ms: this.backoff(), wakeOnEvents: false };
  }

  private onRunnerError(error: unknown): Pause {
    this.failures += 1;
    this.lastProblem = (error as Error).message ?? String(error);
    if (this.failures === 1) this.logger.warn(`Cannot run (will retry): ${this.lastProblem}`);
    return { ms: this.backoff(), wakeOnEvents: false };
  }

  private recovered(): void {
    if (this.failures > 0) this.logger.log(`Running again after ${this.failures} failed attempt(s)`);
    this.failures = 0;
  }

  private backoff(): number {
    const { retryMaxMs } = this.deps.settings;
    return Math.min(retryMaxMs, FIRST_RETRY_MS * 2 ** Math.min(this.failures - 1, 20));
  }

  private async pause({ ms, wakeOnEvents }: Pause): Promise<void> {
    if (ms <= 0) return;
    const until = Date.now() + ms;
    do {
      await this.signal.sleep(until - Date.now());
    } while (!wakeOnEvents && !this.stopped && Date.now() < until);
  }
}
