import { DataSource } from 'typeorm';
import { Clock } from '../system/clock';
import { EventIdConflictError, sqlErrorOf, WrongExpectedVersionError } from './event-store.errors';
import { AppendResult, ExpectedVersion } from './event-store.types';

/** Most appends written in one transaction: bounds the statement size and the work under the lock. */
export const MAX_GROUP_SIZE = 64;

/** One validated append, its events already in the stored shape. */
export interface QueuedAppend {
  streamId: string;
  expectedVersion: ExpectedVersion;
  events: readonly object[];
}

interface Waiting {
  streamId: string;
  expectedVersion: ExpectedVersion;
  /** This append as an element of `append_batch`'s array, serialised by its caller. */
  json: string;
  resolve(result: AppendResult): void;
  reject(error: unknown): void;
}

interface BatchRow {
  append_index: number;
  outcome: 'appended' | 'replayed' | 'wrong_expected_version' | 'event_id_conflict';
  event_position: string | null;
  event_stream_version: number | null;
  actual_version: number | null;
}

const SQL = 'SELECT append_index, outcome, event_position, event_stream_version, actual_version FROM append_batch($1::jsonb, $2)';

/**
 * Group commit for appends. Appends are strictly one commit at a time (the ordering lock is held
 * through COMMIT), so instead of queueing on the lock in PostgreSQL, the appends that arrive while
 * one transaction is in flight wait here and are then written together by `append_batch`
 * (migrations/…-GroupCommitAppends): one lock, one commit flush, each append with its own
 * expected-version check, idempotency and answer. An idle store writes an append at once (no timer);
 * groups form only under load.
 *
 * If a whole group fails on a data error (a column constraint, a bad cast), its members are
 * written again one by one so only the culprit fails. Any other error (connection lost, pool
 * exhausted) concerns them all and is their answer.
 */
export class AppendGroupCommitter {
  private readonly queue: Waiting[] = [];
  private writing = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  append({ streamId, expectedVersion, events }: QueuedAppend): Promise<AppendResult> {
    // Serialised here, in the caller's turn: data that cannot be serialised fails its own append only.
    const json = JSON.stringify({ streamId, expected: String(expectedVersion), events });
    return new Promise<AppendResult>((resolve, reject) => {
      this.queue.push({ streamId, expectedVersion, json, resolve, reject });
      if (!this.writing) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.writing = true;
    try {
      while (this.queue.length > 0) await this.commit(this.queue.splice(0, MAX_GROUP_SIZE));
    } finally {
      this.writing = false;
    }
  }

  private async commit(group: Waiting[]): Promise<void> {
    let rows: BatchRow[];
    try {
      rows = await this.write(group);
    } catch (error) {
      if (group.length > 1 && isDataError(error)) {
        for (const member of group) await this.commit([member]);
      } else {
        for (const member of group) member.reject(error);
      }
      return;
    }
    const byAppend = group.map((): BatchRow[] => []);
    for (const row of rows) byAppend[row.append_index - 1].push(row);
    group.forEach((member, index) => settle(member, byAppend[index]));
  }

  private write(group: readonly Waiting[]): Promise<BatchRow[]> {
    return this.dataSource.query(SQL, [`[${group.map((member) => member.json).join(',')}]`, this.clock.now()]);
  }
}

function settle(member: Waiting, rows: BatchRow[]): void {
  const [first] = rows;
  if (first === undefined) return member.reject(new Error(`append_batch returned nothing for an append to ${member.streamId}`));
  switch (first.outcome) {
    case 'wrong_expected_version':
      return member.reject(new WrongExpectedVersionError(member.streamId, member.expectedVersion, Number(first.actual_version)));
    case 'event_id_conflict':
      return member.reject(new EventIdConflictError(member.streamId));
    default:
      return member.resolve(appendResultOf(rows));
  }
}

/** The result of an append from its stored events' rows (one per event, in order). */
export function appendResultOf(rows: readonly { event_position: string | null; event_stream_version: number | null }[]): AppendResult {
  return {
    nextExpectedVersion: Math.max(...rows.map((row) => Number(row.event_stream_version))),
    positions: rows.map((row) => Number(row.event_position)),
  };
}

/** SQLSTATE classes 22 (data exception) and 23 (integrity constraint): the content of some append was refused. */
function isDataError(error: unknown): boolean {
  const { code } = sqlErrorOf(error);
  return typeof code === 'string' && (code.startsWith('22') || code.startsWith('23'));
}
