import { Inject, Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import type { AppConfigService } from '../../config/config.module';
import { DATABASE_ENDPOINT } from '../../database/database.module';
import type { DatabaseEndpoint } from '../../database/database-endpoint';
import { EventStore } from '../../event-store/event-store';
import type { StoredEvent } from '../../event-store/event-store.types';
import { LOCK_CLASS, tryProjectionLock } from '../advisory-lock-key';
import type { Projection } from '../projection';
import { ProjectionBatchApplier } from '../projection-batch-applier';
import { ProjectionCheckpoints } from '../projection-checkpoints';
import { ProjectionRegistry } from '../projection-registry';
import { RebuildAlreadyRunningError } from '../projections.errors';
import { ShadowTables } from './shadow-tables';

/** How far a rebuild has come: `done` of `total` events replayed (total grows if appends arrive meanwhile). */
export interface RebuildProgress {
  /** The projections being rebuilt, comma-separated. */
  projection: string;
  done: number;
  total: number;
  /** The global position the rebuilt tables have reached. */
  position: number;
}

export interface RebuildOptions {
  /** Called after every batch (awaited, so keep it quick). */
  onProgress?: (progress: RebuildProgress) => void | Promise<void>;
}

export interface RebuildResult {
  projection: string;
  /** Events replayed: those of the types the rebuilt projections handle. */
  events: number;
  /** The checkpoint the swapped-in tables start from. */
  position: number;
}

/** Events read in one query, and the position everything up to which has been read. */
interface ReadBatch {
  events: StoredEvent[];
  through: number;
}

interface InProgress {
  projection: Projection;
  shadow: ShadowTables;
  lease: RebuildLease;
}

interface RebuildLease {
  lost(): boolean;
  release(): Promise<void>;
}

const DEADLOCK = '40P01';
const SWAP_ATTEMPTS = 5;

/**
 * Rebuilds projections from position 0 without readers ever seeing an empty or half-built table:
 * the events are replayed into fresh copies of their tables (see ShadowTables) while the live
 * tables stay in use and the live runner keeps applying to them; then, in one short transaction
 * that holds the projection's checkpoint row — the lock every batch takes first, so no batch is
 * half-way through the tables at that moment — the copies replace the live tables and the
 * checkpoint becomes the rebuilt position. The swap waits until the copy has caught up with the
 * live checkpoint, so a reader never sees the projection go back in time. Appends are never
 * blocked: they touch no projection table.
 *
 * Several projections are rebuilt in one pass over the log: each batch is read once (only the
 * types they handle, `rebuildBatchSize` at a time, the next batch fetched while this one is
 * applied) and applied to every copy at once, each in a transaction of its own, so PostgreSQL
 * writes one projection's rows while Node folds another's.
 */
@Injectable()
export class ProjectionRebuilder {
  private readonly logger = new Logger('ProjectionRebuilder');
  private readonly inProgress = new Set<string>();

  constructor(
    private readonly registry: ProjectionRegistry,
    private readonly store: EventStore,
    private readonly batches: ProjectionBatchApplier,
    private readonly checkpoints: ProjectionCheckpoints,
    private readonly dataSource: DataSource,
    @Inject(ConfigService) private readonly config: AppConfigService,
    @Inject(DATABASE_ENDPOINT) private readonly endpoint: DatabaseEndpoint,
  ) {}

  /**
   * @throws UnknownProjectionError
   * @throws RebuildAlreadyRunningError when the projection is being rebuilt here or in another process
   */
  async rebuild(name: string, options: RebuildOptions = {}): Promise<RebuildResult> {
    const [result] = await this.rebuildTogether([name], options);
    return result;
  }

  /**
   * Rebuilds these projections in one pass over the log; each is swapped in as soon as its copy
   * has caught up with its live checkpoint. If one fails, the copies not yet swapped in are dropped
   * (those already swapped in stay: each is complete on its own).
   *
   * @returns one result per projection, in the order given
   * @throws UnknownProjectionError before anything is done
   * @throws RebuildAlreadyRunningError when one of them is being rebuilt here or in another process
   */
  async rebuildTogether(names: readonly string[], options: RebuildOptions = {}): Promise<RebuildResult[]> {
    const projections = [...new Set(names)].map((name) => this.registry.get(name));
    const label = projections.map((projection) => projection.name).join(', ');
    const pending: InProgress[] = [];
    const results = new Map<string, RebuildResult>();
    try {
      for (const projection of projections) {
        const lease = await this.exclusive(projection.name);
        pending.push({ projection, lease, shadow: new ShadowTables(this.dataSource, projection) });
      }
      await this.checkpoints.ensure(projections.map((projection) => projection.name));
      for (const { shadow } of pending) await shadow.create();

      const types = [...new Set(projections.flatMap((projection) => projection.handles))];
      const limit = this.config.get('rebuildBatchSize', { infer: true });
      const progress: RebuildProgress = { projection: label, done: 0, total: await this.countEvents(types), position: 0 };
      await options.onProgress?.({ ...progress });
      let next = this.readAhead(0, types, limit);
      for (let swapAttempts = 0; pending.length > 0; ) {
        const batch = await next;
        progress.position = Math.max(progress.position, batch.through);
        // Read the next batch while this one is applied (on another pooled connection).
        next = this.readAhead(progress.position, types, limit);
        if (batch.events.length > 0) {
          await settleAll(pending.map(({ projection, shadow }) => this.batches.applyIntoSchema(projection, batch.events, shadow.schema)));
          progress.done += batch.events.length;
          progress.total = Math.max(progress.total, progress.done);
          await options.onProgress?.({ ...progress });
        }
        if (batch.events.length === limit) continue;
        try {
          for (const entry of [...pending]) {
            if (entry.lease.lost()) throw new Error(`Lost the rebuild lock of ${entry.projection.name}: another rebuild may be running`);
            if (!(await this.swap(entry.projection.name, entry.shadow, progress.position))) continue;
            results.set(entry.projection.name, { projection: entry.projection.name, events: progress.done, position: progress.position });
            this.logger.log(`Rebuilt ${entry.projection.name} from ${progress.done} events; checkpoint at ${progress.position}`);
            pending.splice(pending.indexOf(entry), 1);
            await entry.lease.release();
          }
        } catch (error) {
          // A reader holding one of the tables while waiting for another: let it go, try again.
          if ((error as { code?: string }).code !== DEADLOCK || ++swapAttempts >= SWAP_ATTEMPTS) throw error;
        }
      }
      // No query of this rebuild may outlive it.
      await next.catch(() => undefined);
      return projections.map((projection) => results.get(projection.name)!);
    } catch (error) {
      for (const { shadow } of pending) await shadow.drop().catch(() => undefined);
      throw error;
    } finally {
      for (const { lease } of pending) await lease.release();
    }
  }

  /**
   * The next events of these types after `after`, and the position through which the log has been
   * read: the last event's, or — once fewer than `limit` came back — the head read before them, so
   * a rebuild of projections that skip the latest events still reaches the live checkpoint. Every
   * position up to a visible head is committed or a hole for ever (see EventStore), so nothing of
   * these types can appear behind it later.
   */
  private readAhead(after: number, types: string[], limit: number): Promise<ReadBatch> {
    const read = (async () => {
      const head = await this.store.headPosition();
      const events = await this.store.readAll({ after, limit, types });
      const last = events.length > 0 ? events[events.length - 1].position : after;
      return { events, through: events.length === limit ? last : Math.max(last, head) };
    })();
    // Awaited later, or abandoned when the rebuild fails first: never an unhandled rejection.
    read.catch(() => undefined);
    return read;
  }

  /** Swaps the copies in, unless the live checkpoint is ahead of them (then replay further first). */
  private swap(name: string, shadow: ShadowTables, position: number): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const queryRunner = manager.queryRunner!;
      const live = await this.checkpoints.lock(queryRunner, name);
      if (live > position) return false;
      await shadow.swapIn(queryRunner);
      await this.checkpoints.moveTo(queryRunner, name, position);
      return true;
    });
  }

  private async countEvents(types: string[]): Promise<number> {
    const [row]: { count: string }[] = await this.dataSource.query('SELECT count(*) AS count FROM events WHERE type = ANY($1::text[])', [types]);
    return Number(row.count);
  }

  /** One rebuild per projection at a time: in this process, and across processes on a real server. */
  private async exclusive(name: string): Promise<RebuildLease> {
    if (this.inProgress.has(name)) throw new RebuildAlreadyRunningError(name);
    this.inProgress.add(name);
    if (this.endpoint.embedded) return { lost: () => false, release: async () => void this.inProgress.delete(name) };
    // A connection of its own: the lock lasts exactly as long as this rebuild (or its process).
    const client = new Client({ connectionString: this.endpoint.url, keepAlive: true });
    let lost = false;
    client.on('error', () => (lost = true));
    client.on('end', () => (lost = true));
    try {
      await client.connect();
      if (!(await tryProjectionLock(client, LOCK_CLASS.rebuild, name))) throw new RebuildAlreadyRunningError(name);
    } catch (error) {
      this.inProgress.delete(name);
      await client.end().catch(() => undefined);
      throw error;
    }
    return {
      lost: () => lost,
      release: async () => {
        this.inProgress.delete(name);
        await client.end().catch(() => undefined);
      },
    };
  }
}

/** Waits for every one of them, then throws the first failure: no apply is still running when the copies are dropped. */
async function settleAll(work: Promise<unknown>[]): Promise<void> {
  const failed = (await Promise.allSettled(work)).find((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
  if (failed) throw failed.reason;
}
