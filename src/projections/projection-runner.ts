import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { AppConfigService } from '../config/config.module';
import { DATABASE_ENDPOINT } from '../database/database.module';
import type { DatabaseEndpoint } from '../database/database-endpoint';
import { EVENTS_NOTIFY_CHANNEL, EventStore } from '../event-store/event-store';
import type { ProjectionHealth, ProjectionHealthSource } from '../health/projection-health';
import { ApplierLease, ApplierSession, soleApplier } from './applier-session';
import { ProjectionBatchApplier } from './projection-batch-applier';
import { CHECKPOINTS_NOTIFY_CHANNEL, ProjectionCheckpoints, ProjectionFailure } from './projection-checkpoints';
import { ProjectionLoop } from './projection-loop';
import { ProjectionRegistry } from './projection-registry';
import { SharedEventReads } from './shared-event-reads';
import { WakeSignal } from './wake-signal';

/** Whether a projection reached a position within the wait, and where it stands. */
export interface PositionWait {
  reached: boolean;
  /** The projection's checkpoint when the wait ended. */
  position: number;
}

/**
 * How long a checkpoint read also answers later reads that need no newer position. Safe because a
 * checkpoint only grows: a remembered position is still a true "at least" for an answer read
 * afterwards; this only bounds how far `X-Projection-Position` may trail the real checkpoint.
 */
const CHECKPOINT_FRESH_MS = 50;

/**
 * Runs every registered projection (one independent loop each) from application bootstrap to
 * shutdown, unless `NEWSDESK_PROJECTIONS=off`. On a real server only the instance holding a
 * projection's advisory lock applies it; the others retry the lock. It also answers where each
 * projection stands: for `/health` and for reads that must wait for a position.
 */
@Injectable()
export class ProjectionRunner implements OnApplicationBootstrap, OnModuleDestroy, ProjectionHealthSource {
  private readonly logger = new Logger('ProjectionRunner');
  private readonly loops = new Map<string, ProjectionLoop>();
  private readonly checkpointMoved = new WakeSignal();
  private session?: ApplierSession;
  /** With the runner off: the connection that hears other instances' checkpoints, opened by the first read that waits. */
  private listener?: ApplierSession;
  private destroyed = false;
  /** The newest checkpoint seen per projection, and when; see CHECKPOINT_FRESH_MS. */
  private readonly seen = new Map<string, { position: number; at: number }>();
  /** A checkpoint query in flight per projection: concurrent reads share it. */
  private readonly reading = new Map<string, Promise<number>>();

  constructor(
    private readonly registry: ProjectionRegistry,
    private readonly checkpoints: ProjectionCheckpoints,
    private readonly batches: ProjectionBatchApplier,
    private readonly store: EventStore,
    @Inject(ConfigService) private readonly config: AppConfigService,
    @Inject(DATABASE_ENDPOINT) private readonly endpoint: DatabaseEndpoint,
  ) {}

  onApplicationBootstrap(): void {
    const projections = this.registry.all();
    if (!this.config.get('projectionsEnabled', { infer: true }) || projections.length === 0) return;
    const lease = this.lease();
    const settings = {
      batchSize: this.config.get('projectionBatchSize', { infer: true }),
      pollMs: this.config.get('projectionPollMs', { infer: true }),
      retryMaxMs: this.config.get('projectionRetryMaxMs', { infer: true }),
      lockRetryMs: this.config.get('projectionLockRetryMs', { infer: true }),
    };
    const reads = new SharedEventReads(this.store);
    for (const projection of projections) {
      const loop = new ProjectionLoop(projection, {
        store: reads,
        batches: this.batches,
        checkpoints: this.checkpoints,
        lease,
        settings,
        onCheckpointMoved: (name, position) => {
          this.remember(name, position);
          this.checkpointMoved.wake();
        },
      });
      this.loops.set(projection.name, loop);
      loop.start();
    }
    this.logger.log(`Running ${projections.map((projection) => projection.name).join(', ')}`);
  }

  async onModuleDestroy(): Promise<void> {
    this.destroyed = true;
    await Promise.all([...this.loops.values()].map((loop) => loop.stop()));
    this.loops.clear();
    await this.session?.stop();
    await this.listener?.stop();
  }

  /** The projection's committed checkpoint. @throws UnknownProjectionError */
  async currentPosition(name: string): Promise<number> {
    this.registry.get(name);
    return this.checkpoints.position(name);
  }

  /**
   * The projection's checkpoint as reads see it (the one `waitForPosition` and the
   * `X-Projection-Position` header give): remembered for up to CHECKPOINT_FRESH_MS, else read now.
   * @throws UnknownProjectionError
   */
  async readPosition(name: string): Promise<number> {
    this.registry.get(name);
    return this.checkpointAtLeast(name, 0);
  }

  /**
   * Waits (at most `timeoutMs`) until the projection's checkpoint reaches `position`. Wakes on this
   * process's batches and, on a real server, on other instances' NOTIFYs (an instance with the
   * runner off opens a connection to hear them when a read first has to wait); polls otherwise
   * (the embedded database sends none). @throws UnknownProjectionError
   */
  async waitForPosition(name: string, position: number, timeoutMs: number): Promise<PositionWait> {
    this.registry.get(name);
    const deadline = Date.now() + timeoutMs;
    const pollMs = this.config.get('projectionPollMs', { infer: true });
    for (;;) {
      const current = await this.checkpointAtLeast(name, position);
      if (current >= position) return { reached: true, position: current };
      const left = deadline - Date.now();
      if (left <= 0) return { reached: false, position: current };
      this.listenForCheckpoints();
      await this.checkpointMoved.sleep(Math.min(left, pollMs));
    }
  }

  /**
   * The projection's checkpoint: the one remembered from the last CHECKPOINT_FRESH_MS if it already
   * reaches `wanted`, else read now (one query shared by concurrent callers).
   */
  private async checkpointAtLeast(name: string, wanted: number): Promise<number> {
    const seen = this.seen.get(name);
    if (seen && seen.position >= wanted && Date.now() - seen.at < CHECKPOINT_FRESH_MS) return seen.position;
    let read = this.reading.get(name);
    if (!read) {
      read = this.checkpoints.position(name).finally(() => this.reading.delete(name));
      this.reading.set(name, read);
    }
    const position = await read;
    this.remember(name, position);
    return position;
  }

  private remember(name: string, position: number): void {
    const seen = this.seen.get(name);
    if (!seen || position >= seen.position) this.seen.set(name, { position, at: Date.now() });
  }

  /** For `/health`: every registered projection's position, lag behind the head, and what it is stuck on. */
  async statuses(): Promise<ProjectionHealth[]> {
    const names = this.registry.names();
    if (names.length === 0) return [];
    const head = await this.store.headPosition();
    const checkpoints = await this.checkpoints.read(names);
    return checkpoints.map(({ name, position, failure }) => ({
      name,
      position,
      lag: Math.max(0, head - position),
      error: failure ? describeFailure(failure) : (this.loops.get(name)?.problem ?? null),
    }));
  }

  /** An instance that applies nothing still wants to hear the instances that do (once, and only on a real server). */
  private listenForCheckpoints(): void {
    if (this.session || this.listener || this.endpoint.embedded || this.destroyed) return;
    this.listener = new ApplierSession(this.endpoint.url, (channel) => this.onNotification(channel));
    this.listener.keepListening(this.config.get('projectionLockRetryMs', { infer: true }));
  }

  private lease(): ApplierLease {
    if (this.endpoint.embedded) return soleApplier;
    this.session = new ApplierSession(this.endpoint.url, (channel) => this.onNotification(channel));
    return this.session;
  }

  private onNotification(channel: string): void {
    if (channel !== CHECKPOINTS_NOTIFY_CHANNEL) for (const loop of this.loops.values()) loop.wake();
    if (channel !== EVENTS_NOTIFY_CHANNEL) this.checkpointMoved.wake();
  }
}

function describeFailure(failure: ProjectionFailure): string {
  return (
    `stuck at event ${failure.eventId} (position ${failure.position}, ${failure.type}) ` +
    `since ${failure.failedAt.toISOString()}, ${failure.attempts} attempt(s): ${failure.message}`
  );
}
