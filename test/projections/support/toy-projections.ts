import type { Type } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import type { StoredEvent } from '../../../src/event-store/event-store.types';
import type { Projection, ProjectionTransaction } from '../../../src/projections/projection';

/**
 * A toy projection for the runner's tests: per stream, how many of its `counted` events it has seen
 * and the last position; and every event id seen with how many times it was applied (so a double
 * application shows as times = 2 instead of hiding behind a key). An event whose data says
 * `poison: true` makes it throw, until the test "fixes the cause" by curing that event id.
 */
export class ToyCounterProjection implements Projection {
  readonly handles: readonly string[];
  readonly tables: readonly string[];
  readonly cured = new Set<string>();
  applied = 0;

  constructor(readonly name: string, counted: string, private readonly delayMs = 0) {
    this.handles = [counted];
    this.tables = [`${name}_counts`, `${name}_seen`];
  }

  async apply(events: StoredEvent[], tx: ProjectionTransaction): Promise<void> {
    for (const event of events) {
      if (event.data.poison === true && !this.cured.has(event.eventId)) throw new Error(`poisoned event ${event.eventId}`);
      await tx.query(
        `INSERT INTO ${this.name}_seen (event_id, position, stream_id) VALUES ($1, $2, $3)
           ON CONFLICT (event_id) DO UPDATE SET times = ${this.name}_seen.times + 1`,
        [event.eventId, event.position, event.streamId],
      );
      await tx.query(
        `INSERT INTO ${this.name}_counts (stream_id, events, last_position) VALUES ($1, 1, $2)
           ON CONFLICT (stream_id) DO UPDATE SET events = ${this.name}_counts.events + 1, last_position = $2`,
        [event.streamId, event.position],
      );
    }
    if (this.delayMs > 0) await tx.query('SELECT pg_sleep($1)', [this.delayMs / 1_000]);
    this.applied += events.length;
  }
}

/** A Nest-injectable class for a toy projection (forFeature takes classes). */
export function toyCounter(name: string, counted: string, delayMs = 0): Type<ToyCounterProjection> {
  return class extends ToyCounterProjection {
    constructor() {
      super(name, counted, delayMs);
    }
  };
}

/**
 * Creates the toy's tables, as its migration would: with a `serial` column and a named index, so a
 * rebuild's swap has something to carry over.
 */
export async function createToyTables(dataSource: DataSource, name: string): Promise<void> {
  await dataSource.query(`DROP TABLE IF EXISTS ${name}_counts, ${name}_seen`);
  await dataSource.query(`DELETE FROM projection_checkpoints WHERE name = $1`, [name]);
  await dataSource.query(`CREATE TABLE ${name}_counts (stream_id text PRIMARY KEY, events integer NOT NULL, last_position bigint NOT NULL)`);
  await dataSource.query(
    `CREATE TABLE ${name}_seen (
       seq       serial,
       event_id  uuid    PRIMARY KEY,
       position  bigint  NOT NULL,
       stream_id text    NOT NULL,
       times     integer NOT NULL DEFAULT 1 CHECK (times > 0))`,
  );
  await dataSource.query(`CREATE UNIQUE INDEX ${name}_seen_by_position ON ${name}_seen (position)`);
}

/**
 * Starts these toys' checkpoints at the store's head. The run's suites share one database (the
 * feed's leave tens of thousands of events behind): a toy that counts only its suite's own events
 * should not first page through all of those, in a time that depends on the suite order and the machine.
 */
export async function startToysAtHead(dataSource: DataSource, names: readonly string[]): Promise<void> {
  await dataSource.query(`INSERT INTO projection_checkpoints (name, position) SELECT unnest($1::text[]), coalesce((SELECT max(position) FROM events), 0)`, [names]);
}

export interface ToySnapshot {
  counts: { stream_id: string; events: number; last_position: string }[];
  seen: { event_id: string; position: string; stream_id: string; times: number }[];
}

/** The toy's tables as plain rows (without the serial column, whose values depend on history). */
export async function toySnapshot(dataSource: DataSource, name: string): Promise<ToySnapshot> {
  return {
    counts: await dataSource.query(`SELECT stream_id, events, last_position FROM ${name}_counts ORDER BY stream_id`),
    seen: await dataSource.query(`SELECT event_id, position, stream_id, times FROM ${name}_seen ORDER BY position`),
  };
}
