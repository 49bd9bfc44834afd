import { Injectable } from '@nestjs/common';
import { DataSource, QueryRunner } from 'typeorm';
import type { StoredEvent } from '../event-store/event-store.types';
import { Projection } from './projection';
import { ProjectionCheckpoints } from './projection-checkpoints';
import { projectionTransaction } from './projection-transaction';
import { ProjectionApplyError, StaleCheckpointError } from './projections.errors';
import { quoteIdentifier } from './sql-identifier';

/** One `applyBatch` call waiting for the transaction it will share. */
interface PendingBatch {
  projection: Projection;
  after: number;
  through: number;
  handled: StoredEvent[];
  resolve(position: number): void;
  reject(error: unknown): void;
}

/**
 * Applies events to a projection's tables, each batch in one transaction.
 *
 * Batches asked for in the same turn of the event loop share that transaction: the runner's loops
 * wake on one NOTIFY and read one shared page of the log, so their batches arrive together, and
 * one transaction — one checkpoint lock statement, one checkpoint update, one COMMIT — costs far
 * less than one per projection (the statements around a batch cost more than its rows at the
 * batch sizes a live load gives). Each batch keeps its own compare-and-set: a stale one is refused
 * alone and the others commit. If one projection throws, the shared transaction rolls back and
 * every batch of it is applied again alone, so only the failing projection stops.
 *
 * These transactions commit without waiting for the WAL flush (`synchronous_commit = off` for the
 * transaction only). A projection is derived data and its checkpoint moves in the same transaction
 * as its rows, so if the database crashes before the flush both are lost together and the runner
 * applies those events again: nothing is applied twice or skipped. What it buys is that projection
 * batches do not queue for fsync behind (or in front of) the appends, which must wait for it. The
 * one visible effect: after a database crash a projection may stand a few milliseconds of batches
 * behind a position a reader had already seen.
 */
@Injectable()
export class ProjectionBatchApplier {
  /** Batches asked for in this turn of the event loop, applied together at its end. */
  private gathering: PendingBatch[] | null = null;

  constructor(private readonly dataSource: DataSource, private readonly checkpoints: ProjectionCheckpoints) {}

  /**
   * Applies `events` (read in global order right after position `after`) and moves the checkpoint to
   * the last one's position, in one transaction — compare-and-set: only if the checkpoint is still
   * `after`. So a crash, a second applier or a rebuild's swap can never apply an event twice or skip one.
   *
   * @returns the new checkpoint
   * @throws StaleCheckpointError when the checkpoint is no longer `after` (nothing is written)
   * @throws ProjectionApplyError when the projection throws (nothing is written)
   */
  applyBatch(projection: Projection, after: number, events: readonly StoredEvent[]): Promise<number> {
    return new Promise<number>((resolve, reject) => {
      const batch: PendingBatch = { projection, after, through: events[events.length - 1].position, handled: handledBy(projection, events), resolve, reject };
      if (this.gathering?.some((pending) => pending.projection.name === projection.name)) {
        // The same projection twice (two appliers racing): its own transaction, where the compare-and-set decides.
        void this.applyGroup([batch]);
        return;
      }
      if (!this.gathering) {
        const group: PendingBatch[] = (this.gathering = []);
        setImmediate(() => {
          this.gathering = null;
          void this.applyGroup(group);
        });
      }
      this.gathering.push(batch);
    });
  }

  /** Applies the batches in one transaction (or, when none has events the projection handles, one statement) and settles each. */
  private async applyGroup(group: PendingBatch[]): Promise<void> {
    try {
      const refused = group.some((batch) => batch.handled.length > 0) ? await this.applyTogether(group) : await this.advanceTogether(group);
      for (const batch of group) {
        const error = refused.get(batch);
        if (error) batch.reject(error);
        else batch.resolve(batch.through);
      }
    } catch (error) {
      if (group.length > 1 && error instanceof ProjectionApplyError) {
        // Nothing of the group was written: each alone, so the others commit and the failing one fails by itself.
        for (const batch of group) await this.applyGroup([batch]);
        return;
      }
      for (const batch of group) batch.reject(error);
    }
  }

  /** @returns the batches refused, with why; the others are written and their checkpoints moved */
  private async applyTogether(group: PendingBatch[]): Promise<Map<PendingBatch, Error>> {
    const refused = new Map<PendingBatch, Error>();
    await this.dataSource.transaction(async (manager) => {
      const queryRunner = requireQueryRunner(manager.queryRunner);
      const positions = await this.checkpoints.lockAll(
        queryRunner,
        group.map((batch) => batch.projection.name),
        { asynchronousCommit: true },
      );
      for (const batch of group) {
        const actual = positions.get(batch.projection.name);
        if (actual === undefined) refused.set(batch, new Error(`Projection ${batch.projection.name} has no checkpoint row yet`));
        else if (actual !== batch.after) refused.set(batch, new StaleCheckpointError(batch.projection.name, batch.after, actual));
      }
      const accepted = group.filter((batch) => !refused.has(batch));
      for (const batch of accepted) await applyHandled(batch.projection, batch.handled, queryRunner);
      if (accepted.length > 0) await this.checkpoints.moveAll(queryRunner, accepted.map((batch) => ({ name: batch.projection.name, position: batch.through })));
    });
    return refused;
  }

  /** Nothing to write but the checkpoints: one statement, no transaction to open. */
  private async advanceTogether(group: PendingBatch[]): Promise<Map<PendingBatch, Error>> {
    const moved = await this.checkpoints.advanceAll(group.map((batch) => ({ name: batch.projection.name, from: batch.after, to: batch.through })));
    const stale = group.filter((batch) => !moved.has(batch.projection.name));
    return new Map(stale.map((batch) => [batch, new StaleCheckpointError(batch.projection.name, batch.after, null)]));
  }

  /**
   * For a rebuild: applies `events` to the projection's tables in `schema` (put first on the search
   * path for this transaction only, so the projection's unqualified SQL lands there). No checkpoint:
   * the rebuild keeps its own position until it swaps the tables in.
   */
  async applyIntoSchema(projection: Projection, events: readonly StoredEvent[], schema: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const queryRunner = requireQueryRunner(manager.queryRunner);
      // Both for this transaction only; no WAL flush wait at COMMIT (see the class comment).
      await queryRunner.query(
        `SELECT set_config('search_path', quote_ident($1) || ', ' || current_setting('search_path'), true), set_config('synchronous_commit', 'off', true)`,
        [schema],
      );
      // Fails if the copies are gone, and keeps them from being dropped until COMMIT: unqualified
      // names must never fall through to the live tables.
      const copies = projection.tables.map((table) => `${quoteIdentifier(schema)}.${quoteIdentifier(table)}`).join(', ');
      await queryRunner.query(`LOCK TABLE ${copies} IN ROW EXCLUSIVE MODE`);
      await applyHandled(projection, handledBy(projection, events), queryRunner);
    });
  }
}

function handledBy(projection: Projection, events: readonly StoredEvent[]): StoredEvent[] {
  return events.filter((event) => projection.handles.includes(event.type));
}

async function applyHandled(projection: Projection, handled: StoredEvent[], queryRunner: QueryRunner): Promise<void> {
  if (handled.length === 0) return;
  try {
    await projection.apply(handled, projectionTransaction(queryRunner));
  } catch (error) {
    throw new ProjectionApplyError(projection.name, error);
  }
}

function requireQueryRunner(queryRunner: QueryRunner | undefined): QueryRunner {
  if (!queryRunner) throw new Error('TypeORM gave the transaction no query runner');
  return queryRunner;
}
