import { Inject, Injectable } from '@nestjs/common';
import { DataSource, QueryRunner } from 'typeorm';
import type { StoredEvent } from '../event-store/event-store.types';
import { CLOCK, Clock } from '../system/clock';

/** Announced (at COMMIT) whenever a projection's checkpoint moves, so waiting reads wake in every instance. */
export const CHECKPOINTS_NOTIFY_CHANNEL = 'newsdesk_projection_checkpoints';

/** `$2` is the new position, `$3` the time; the caller adds the WHERE. */
const MOVE_SQL = `UPDATE projection_checkpoints
                     SET position = $2, updated_at = $3, failed_event_id = NULL, failed_position = NULL, failed_event_type = NULL,
                         failure_message = NULL, failure_attempts = 0, failed_at = NULL`;

/**
 * In a statement's select list: the rest of its transaction commits without waiting for the WAL
 * flush. PostgreSQL reads the setting at COMMIT, so this holds for a statement's implicit transaction too.
 */
const ASYNCHRONOUS_COMMIT = `set_config('synchronous_commit', 'off', true)`;

/** The event a projection is stuck on. */
export interface ProjectionFailure {
  eventId: string;
  position: number;
  type: string;
  message: string;
  attempts: number;
  failedAt: Date;
}

export interface ProjectionCheckpoint {
  name: string;
  position: number;
  failure: ProjectionFailure | null;
}

interface CheckpointRow {
  name: string;
  position: string;
  failed_event_id: string | null;
  failed_position: string | null;
  failed_event_type: string | null;
  failure_message: string | null;
  failure_attempts: number;
  failed_at: Date | null;
}

/** The `projection_checkpoints` table: where each projection stands, and what it is stuck on. */
@Injectable()
export class ProjectionCheckpoints {
  constructor(private readonly dataSource: DataSource, @Inject(CLOCK) private readonly clock: Clock) {}

  /** Creates the missing rows at position 0. */
  async ensure(names: readonly string[]): Promise<void> {
    await this.dataSource.query(
      'INSERT INTO projection_checkpoints (name, updated_at) SELECT unnest($1::text[]), $2 ON CONFLICT (name) DO NOTHING',
      [names, this.clock.now()],
    );
  }

  /** The projection's committed position; 0 before it has one. */
  async position(name: string): Promise<number> {
    const [row]: { position: string }[] = await this.dataSource.query('SELECT position FROM projection_checkpoints WHERE name = $1', [name]);
    return row ? Number(row.position) : 0;
  }

  /** The checkpoints of `names`, in that order (position 0 and no failure for a missing row). */
  async read(names: readonly string[]): Promise<ProjectionCheckpoint[]> {
    const rows: CheckpointRow[] = await this.dataSource.query('SELECT * FROM projection_checkpoints WHERE name = ANY($1::text[])', [names]);
    const byName = new Map(rows.map((row) => [row.name, toCheckpoint(row)]));
    return names.map((name) => byName.get(name) ?? { name, position: 0, failure: null });
  }

  /**
   * Inside a batch or swap transaction: locks the projection's row, so batches and swaps take turns,
   * and returns its position as now committed (READ COMMITTED re-reads the row after waiting).
   * `asynchronousCommit`: in the same round trip, lets this transaction's COMMIT return before the
   * WAL flush (see ProjectionBatchApplier for why a projection may).
   */
  async lock(queryRunner: QueryRunner, name: string, options: { asynchronousCommit?: boolean } = {}): Promise<number> {
    const [row]: { position: string }[] = await queryRunner.query(
      `SELECT position${options.asynchronousCommit ? `, ${ASYNCHRONOUS_COMMIT}` : ''} FROM projection_checkpoints WHERE name = $1 FOR UPDATE`,
      [name],
    );
    if (!row) throw new Error(`Projection ${name} has no checkpoint row yet`);
    return Number(row.position);
  }

  /** Inside the locked transaction: moves the checkpoint, clears any failure and announces it (at COMMIT). */
  async moveTo(queryRunner: QueryRunner, name: string, position: number): Promise<void> {
    await queryRunner.query(`WITH moved AS (${MOVE_SQL} WHERE name = $1 RETURNING name) SELECT pg_notify($4, name) FROM moved`, [
      name,
      position,
      this.clock.now(),
      CHECKPOINTS_NOTIFY_CHANNEL,
    ]);
  }

  /**
   * Moves the checkpoint from `from` to `to` in one statement of its own (compare-and-set, committed
   * without waiting for the WAL flush, announced): for a batch that held no event of the projection,
   * so there are no rows to write with it.
   *
   * @returns false, and nothing changes, when the checkpoint is no longer `from`
   */
  async advance(name: string, from: number, to: number): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `WITH moved AS (${MOVE_SQL} WHERE name = $1 AND position = $5 RETURNING name)
       SELECT pg_notify($4, name), ${ASYNCHRONOUS_COMMIT} FROM moved`,
      [name, to, this.clock.now(), CHECKPOINTS_NOTIFY_CHANNEL, from],
    );
    return rows.length === 1;
  }

  /** Records that `event` failed, unless the checkpoint has moved meanwhile (then the record would lie). */
  async recordFailure(name: string, checkpoint: number, event: StoredEvent, message: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE projection_checkpoints
          SET failed_event_id = $3, failed_position = $4, failed_event_type = $5, failure_message = $6, failed_at = $7,
              failure_attempts = CASE WHEN failed_event_id = $3 THEN failure_attempts + 1 ELSE 1 END
        WHERE name = $1 AND position = $2`,
      [name, checkpoint, event.eventId, event.position, event.type, message.slice(0, 2_000), this.clock.now()],
    );
  }
}

function toCheckpoint(row: CheckpointRow): ProjectionCheckpoint {
  const failure: ProjectionFailure | null =
    row.failed_event_id === null
      ? null
      : {
          eventId: row.failed_event_id,
          position: Number(row.failed_position),
          type: row.failed_event_type ?? '',
          message: row.failure_message ?? '',
          attempts: row.failure_attempts,
          failedAt: row.failed_at ?? new Date(0),
        };
  return { name: row.name, position: Number(row.position), failure };
}
