import { Inject, Injectable } from '@nestjs/common';
import { DataSource, QueryRunner } from 'typeorm';
import { CLOCK, Clock } from '../system/clock';
import { AppendGroupCommitter, appendResultOf } from './append-group';
import { EventIdConflictError, InvalidAppendError, sqlErrorOf, WrongExpectedVersionError } from './event-store.errors';
import { AppendResult, ExpectedVersion, MAX_STREAM_VERSION, NewEvent, ReadAllOptions, ReadStreamOptions, StoredEvent } from './event-store.types';
import { UpcasterRegistry } from './upcasters';

/** Channel on which every committed append is announced (a real server only; embedded mode polls). */
export const EVENTS_NOTIFY_CHANNEL = 'newsdesk_events';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_READ = 10_000;

interface EventRow {
  position: string;
  stream_id: string;
  stream_version: number;
  event_id: string;
  type: string;
  schema_version: number;
  data: Record<string, unknown>;
  metadata: StoredEvent['metadata'];
  recorded_at: Date;
}

const EVENT_COLUMNS = 'position, stream_id, stream_version, event_id, type, schema_version, data, metadata, recorded_at';

/**
 * The append-only log every story is stored in.
 *
 * Gap-safe global order: a sequence hands out positions when rows are inserted, not when they
 * commit, so with concurrent writers position 12 can become visible after 13 and a reader paging
 * `after=13` would skip 12 for ever. `append_to_stream` and `append_batch` (migrations/) therefore
 * take one transaction-scoped advisory lock before they check streams and insert, and hold it
 * until COMMIT: the next writer gets its positions only once this one is visible. Committed
 * positions therefore only grow in commit order, readers page with a plain `position > after`, and
 * a rolled-back append leaves a hole nobody will ever fill. The price is one commit at a time, so
 * appends made outside a caller's transaction are group-committed (`AppendGroupCommitter`): those
 * that arrive while one append transaction is in flight share the next one, its lock and its
 * flush, each with its own checks and answer. Measured in `npm run bench`.
 */
@Injectable()
export class EventStore {
  private readonly groups: AppendGroupCommitter;

  constructor(
    private readonly dataSource: DataSource,
    private readonly upcasters: UpcasterRegistry,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    this.groups = new AppendGroupCommitter(dataSource, clock);
  }

  /**
   * Appends events to a stream in one transaction, if the stream is at `expectedVersion`.
   * Re-sending events whose ids are stored (same stream, same order, same content) returns the
   * first result and writes nothing. Without `queryRunner` the append may share its transaction
   * with other appends (group commit) but is checked, applied or refused on its own. Pass
   * `queryRunner` to append inside a caller's transaction: the ordering lock is then held until
   * that transaction ends, so keep it short.
   *
   * @throws WrongExpectedVersionError naming the stream's actual version
   * @throws EventIdConflictError when a stored id comes back with other content
   */
  async appendToStream(
    streamId: string,
    events: readonly NewEvent<object>[],
    options: { expectedVersion: ExpectedVersion; queryRunner?: QueryRunner },
  ): Promise<AppendResult> {
    const expected = validateAppend(streamId, events, options.expectedVersion);
    const payload = events.map((event) => ({
      eventId: event.eventId.toLowerCase(),
      type: event.type,
      schemaVersion: event.schemaVersion ?? this.upcasters.currentVersion(event.type),
      data: event.data,
      metadata: event.metadata,
    }));
    if (!options.queryRunner) return this.groups.append({ streamId, expectedVersion: options.expectedVersion, events: payload });
    const params = [streamId, expected, JSON.stringify(payload), this.clock.now()];
    const sql = 'SELECT event_position, event_stream_version FROM append_to_stream($1, $2, $3::jsonb, $4)';
    try {
      return appendResultOf(await options.queryRunner.query(sql, params));
    } catch (error) {
      throw translateAppendError(error, streamId, options.expectedVersion);
    }
  }

  /** The stream's events in version order, optionally between two versions (inclusive; any numbers, no version is beyond `integer`). */
  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<StoredEvent[]> {
    const from = Math.max(options.fromVersion ?? 1, 1);
    const to = Math.min(options.toVersion ?? MAX_STREAM_VERSION, MAX_STREAM_VERSION);
    if (from > to) return [];
    const rows: EventRow[] = await this.dataSource.query(
      `SELECT ${EVENT_COLUMNS} FROM events
        WHERE stream_id = $1 AND stream_version >= $2 AND stream_version <= $3
        ORDER BY stream_version`,
      [streamId, from, to],
    );
    return rows.map((row) => this.toStoredEvent(row));
  }

  /** The stored event with this id, if there is one. */
  async readEvent(eventId: string): Promise<StoredEvent | undefined> {
    const [row]: EventRow[] = await this.dataSource.query(`SELECT ${EVENT_COLUMNS} FROM events WHERE event_id = $1`, [eventId.toLowerCase()]);
    return row === undefined ? undefined : this.toStoredEvent(row);
  }

  /** The stream's current version; 0 when it has no events. */
  async streamVersion(streamId: string): Promise<number> {
    const [row]: { version: number }[] = await this.dataSource.query(
      'SELECT coalesce(max(stream_version), 0)::integer AS version FROM events WHERE stream_id = $1',
      [streamId],
    );
    return row.version;
  }

  /** Events in global order after `after`, at most `limit`, optionally of some types only. Never skips one. */
  async readAll(options: ReadAllOptions = {}): Promise<StoredEvent[]> {
    const after = options.after ?? 0;
    const limit = Math.min(Math.max(options.limit ?? 100, 1), MAX_READ);
    const types = options.types?.length ? options.types : null;
    const rows: EventRow[] = await this.dataSource.query(
      `SELECT ${EVENT_COLUMNS} FROM events
        WHERE position > $1 AND ($3::text[] IS NULL OR type = ANY($3::text[]))
        ORDER BY position LIMIT $2`,
      [after, limit, types],
    );
    return rows.map((row) => this.toStoredEvent(row));
  }

  /** The highest committed position; 0 for an empty store. */
  async headPosition(): Promise<number> {
    const [row]: { head: string }[] = await this.dataSource.query('SELECT coalesce(max(position), 0) AS head FROM events');
    return Number(row.head);
  }

  private toStoredEvent(row: EventRow): StoredEvent {
    const { schemaVersion, data } = this.upcasters.upcast(row.type, row.schema_version, row.data);
    return {
      position: Number(row.position),
      streamId: row.stream_id,
      version: row.stream_version,
      eventId: row.event_id,
      type: row.type,
      schemaVersion,
      data,
      metadata: row.metadata,
      recordedAt: row.recorded_at,
    };
  }
}

function validateAppend(streamId: string, events: readonly NewEvent<object>[], expected: ExpectedVersion): string {
  if (!streamId) throw new InvalidAppendError('A stream id is required');
  if (events.length === 0) throw new InvalidAppendError(`Nothing to append to ${streamId}`);
  const bad = events.find((event) => !UUID.test(event.eventId));
  if (bad) throw new InvalidAppendError(`Event id ${JSON.stringify(bad.eventId)} is not a UUID`);
  if (new Set(events.map((event) => event.eventId.toLowerCase())).size !== events.length) {
    throw new InvalidAppendError(`The same event id appears twice in one append to ${streamId}`);
  }
  if (typeof expected === 'number') {
    if (!Number.isInteger(expected) || expected < 0) throw new InvalidAppendError(`Expected version ${expected} is not a whole number ≥ 0`);
    return String(expected);
  }
  if (!['no_stream', 'stream_exists', 'any'].includes(expected)) throw new InvalidAppendError(`Unknown expected version ${String(expected)}`);
  return expected;
}

function translateAppendError(error: unknown, streamId: string, expected: ExpectedVersion): unknown {
  const sqlError = sqlErrorOf(error);
  switch (sqlError.code) {
    case 'ND001':
      return new WrongExpectedVersionError(streamId, expected, Number(sqlError.detail));
    case 'ND002':
      return new EventIdConflictError(streamId);
    default:
      return error;
  }
}
