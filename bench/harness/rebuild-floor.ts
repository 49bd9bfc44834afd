import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { cpuSecondsOf } from './cpu-meter';

/** Events read at once, unless told: the rebuild's default batch (`NEWSDESK_REBUILD_BATCH_SIZE`). */
const BATCH = 5_000;
const VERSION_COPY = 'bench_floor_versions';
const HISTORY_COPY = 'bench_floor_history';

/** What one pass of {@link copyFloor} did, for the rate and the CPU rows. */
export interface FloorRun {
  events: number;
  /** Rows PostgreSQL reported stored by the COPYs. */
  rows: number;
  seconds: number;
  /** This process's CPU during the pass (it is the pass's only Node process). */
  nodeSeconds: number;
  /** The CPU of the two connections' backends during the pass; undefined without /proc. */
  postgresSeconds: number | undefined;
}

interface LogRow {
  position: string;
  stream_id: string;
  stream_version: number;
  event_id: string;
  type: string;
  data: unknown;
  metadata: { actorId?: string };
  recorded_at: Date;
}

/**
 * The least a rebuild of these projections could do, to set the rebuild's rate against: read the
 * log as the rebuild reads it (its batch size, the next read in flight while this batch is
 * written, rows parsed by `pg`), fold nothing, and write back a `story_versions`-shaped row for
 * every event and a `casualty_tally_history`-shaped row for every casualty report — two of the
 * rows the real projections write per event, of about the same width ("type by actor" stands in
 * for a version's summary, the event's data for a history entry) — with `COPY … FROM STDIN` into
 * empty copies of those tables (`LIKE … INCLUDING ALL`, so with their indexes), one transaction
 * per batch. No rebuild that reads the log this way, folds the events in Node and keeps a row per
 * version and per report can be faster on the same machine. The copies are dropped afterwards.
 * `reader` and `writer` must be two connections.
 */
export async function copyFloor(reader: Client, writer: Client, options: { batch?: number } = {}): Promise<FloorRun> {
  const batchSize = options.batch ?? BATCH;
  await writer.query(`DROP TABLE IF EXISTS ${VERSION_COPY}, ${HISTORY_COPY}`);
  await writer.query(`CREATE TABLE ${VERSION_COPY} (LIKE story_versions INCLUDING ALL)`);
  await writer.query(`CREATE TABLE ${HISTORY_COPY} (LIKE casualty_tally_history INCLUDING ALL)`);
  try {
    const backends = await Promise.all([reader, writer].map(async (client) => (await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0].pid));
    const postgresCpu = (): number | undefined => {
      const seconds = backends.map(cpuSecondsOf);
      return seconds.every((value) => value !== undefined) ? seconds.reduce((sum, value) => sum + value, 0) : undefined;
    };
    const postgresStart = postgresCpu();
    const cpuStart = process.cpuUsage();
    const started = performance.now();
    const read = (after: string) =>
      reader.query<LogRow>(
        'SELECT position, stream_id, stream_version, event_id, type, data, metadata, recorded_at FROM events WHERE position > $1 ORDER BY position LIMIT $2',
        [after, batchSize],
      );
    let next = read('0');
    let writing: Promise<number> = Promise.resolve(0);
    let events = 0;
    let rows = 0;
    for (;;) {
      const { rows: batch } = await next;
      if (batch.length === 0) break;
      next = read(batch[batch.length - 1].position);
      const versions: string[] = [];
      const history: string[] = [];
      for (const event of batch) {
        const storyId = event.stream_id.slice(event.stream_id.indexOf('-') + 1);
        const at = event.recorded_at.toISOString();
        const actor = event.metadata.actorId ?? '';
        const data = JSON.stringify(event.data);
        versions.push(copyLine([storyId, event.stream_version, event.event_id, event.type, actor, at, `${event.type} by ${actor}`, event.type === 'StoryPublished' ? 't' : 'f', event.position, data]));
        if (event.type === 'CasualtiesReported') history.push(copyLine([storyId, event.event_id, 'party', 1, at, event.position, data]));
      }
      events += batch.length;
      rows += await writing;
      writing = writeBatch(writer, versions, history);
      // Awaited next turn or after the loop; never an unhandled rejection meanwhile.
      writing.catch(() => undefined);
    }
    rows += await writing;
    const seconds = (performance.now() - started) / 1_000;
    const cpu = process.cpuUsage(cpuStart);
    const postgresEnd = postgresCpu();
    const postgresSeconds = postgresStart === undefined || postgresEnd === undefined ? undefined : postgresEnd - postgresStart;
    return { events, rows, seconds, nodeSeconds: (cpu.user + cpu.system) / 1e6, postgresSeconds };
  } catch (error) {
    // A batch's transaction may still be open on `writer`.
    await writer.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await writer.query(`DROP TABLE IF EXISTS ${VERSION_COPY}, ${HISTORY_COPY}`);
  }
}

/** Copies one batch's rows in a transaction of its own; answers how many rows PostgreSQL stored. */
async function writeBatch(writer: Client, versions: string[], history: string[]): Promise<number> {
  await writer.query('BEGIN');
  let stored = await copyInto(writer, VERSION_COPY, versions);
  if (history.length > 0) stored += await copyInto(writer, HISTORY_COPY, history);
  await writer.query('COMMIT');
  return stored;
}

async function copyInto(writer: Client, table: string, lines: string[]): Promise<number> {
  const copy = writer.query(copyFrom(`COPY ${table} FROM STDIN`));
  await pipeline(Readable.from([lines.join('')]), copy);
  return copy.rowCount;
}

/** One row in COPY's text format: tab-separated, backslash escapes. */
function copyLine(fields: readonly (string | number)[]): string {
  return `${fields.map((field) => (typeof field === 'number' ? String(field) : field.replace(/[\\\t\n\r]/g, escapeChar))).join('\t')}\n`;
}

function escapeChar(char: string): string {
  return char === '\\' ? '\\\\' : char === '\t' ? '\\t' : char === '\n' ? '\\n' : '\\r';
}
