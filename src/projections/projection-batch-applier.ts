import { Injectable } from '@nestjs/common';
import { DataSource, QueryRunner } from 'typeorm';
import type { StoredEvent } from '../event-store/event-store.types';
import { Projection } from './projection';
import { ProjectionCheckpoints } from './projection-checkpoints';
import { projectionTransaction } from './projection-transaction';
import { ProjectionApplyError, StaleCheckpointError } from './projections.errors';
import { quoteIdentifier } from './sql-identifier';

/**
 * Applies events to a projection's tables, each batch in one transaction.
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
  async applyBatch(projection: Projection, after: number, events: readonly StoredEvent[]): Promise<number> {
    const through = events[events.length - 1].position;
    const handled = handledBy(projection, events);
    if (handled.length === 0) {
      // Nothing to write but the checkpoint: one statement, no transaction to open.
      if (!(await this.checkpoints.advance(projection.name, after, through))) throw new StaleCheckpointError(projection.name, after, null);
      return through;
    }
    await this.dataSource.transaction(async (manager) => {
      const queryRunner = requireQueryRunner(manager.queryRunner);
      const actual = await this.checkpoints.lock(queryRunner, projection.name, { asynchronousCommit: true });
      if (actual !== after) throw new StaleCheckpointError(projection.name, after, actual);
      await applyHandled(projection, handled, queryRunner);
      await this.checkpoints.moveTo(queryRunner, projection.name, through);
    });
    return through;
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
