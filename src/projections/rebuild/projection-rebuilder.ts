import { Inject, Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import type { AppConfigService } from '../../config/config.module';
import { DATABASE_ENDPOINT } from '../../database/database.module';
import type { DatabaseEndpoint } from '../../database/database-endpoint';
import { EventStore } from '../../event-store/event-store';
import { LOCK_CLASS, tryProjectionLock } from '../advisory-lock-key';
import { ProjectionBatchApplier } from '../projection-batch-applier';
import { ProjectionCheckpoints } from '../projection-checkpoints';
import { ProjectionRegistry } from '../projection-registry';
import { RebuildAlreadyRunningError } from '../projections.errors';
import { ShadowTables } from './shadow-tables';

/** How far a rebuild has come: `done` of `total` events replayed (total grows if appends arrive meanwhile). */
export interface RebuildProgress {
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
  /** Events replayed. */
  events: number;
  /** The checkpoint the swapped-in tables start from. */
  position: number;
}

const DEADLOCK = '40P01';
const SWAP_ATTEMPTS = 5;

/**
 * Rebuilds a projection from position 0 without readers ever seeing an empty or half-built table:
 * the events are replayed into fresh copies of its tables (see ShadowTables) while the live tables
 * stay in use and the live runner keeps applying to them; then, in one short transaction that
 * holds the projection's checkpoint row — the lock every batch takes first, so no batch is
 * half-way through the tables at that moment — the copies replace the live tables and the
 * checkpoint becomes the rebuilt position. The swap waits until the copy has caught up with the
 * live checkpoint, so a reader never sees the projection go back in time. Appends are never
 * blocked: they touch no projection table.
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
    const projection = this.registry.get(name);
    const lease = await this.exclusive(name);
    const shadow = new ShadowTables(this.dataSource, projection);
    try {
      await this.checkpoints.ensure([name]);
      await shadow.create();
      const batchSize = this.config.get('projectionBatchSize', { infer: true });
      const progress: RebuildProgress = { projection: name, done: 0, total: await this.countEvents(), position: 0 };
      await options.onProgress?.({ ...progress });
      for (let swapAttempts = 0; ; ) {
        const events = await this.store.readAll({ after: progress.position, limit: batchSize });
        if (events.length > 0) {
          await this.batches.applyIntoSchema(projection, events, shadow.schema);
          progress.position = events[events.length - 1].position;
          progress.done += events.length;
          progress.total = Math.max(progress.total, progress.done);
          await options.onProgress?.({ ...progress });
          continue;
        }
        try {
          if (lease.lost()) throw new Error(`Lost the rebuild lock of ${name}: another rebuild may be running`);
          if (await this.swap(name, shadow, progress.position)) break;
        } catch (error) {
          // A reader holding one of the tables while waiting for another: let it go, try again.
          if ((error as { code?: string }).code !== DEADLOCK || ++swapAttempts >= SWAP_ATTEMPTS) throw error;
        }
      }
      this.logger.log(`Rebuilt ${name} from ${progress.done} events; checkpoint at ${progress.position}`);
      return { projection: name, events: progress.done, position: progress.position };
    } catch (error) {
      await shadow.drop().catch(() => undefined);
      throw error;
    } finally {
      await lease.release();
    }
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

  private async countEvents(): Promise<number> {
    const [row]: { count: string }[] = await this.dataSource.query('SELECT count(*) AS count FROM events');
    return Number(row.count);
  }

  /** One rebuild per projection at a time: in this process, and across processes on a real server. */
  private async exclusive(name: string): Promise<{ lost(): boolean; release(): Promise<void> }> {
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
