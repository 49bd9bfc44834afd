import type { StoredEvent } from '../event-store/event-store.types';

/** SQL run inside the transaction that applies a batch and moves the projection's checkpoint. */
export interface ProjectionTransaction {
  /** Runs one statement with `$1 …` parameters and returns its rows (none for writes without RETURNING). */
  query<Row = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<Row[]>;
}

/**
 * A read model kept from the events. The runner hands it, in global order and exactly once, every
 * stored event whose type it `handles`, in batches; whatever it writes through `tx` commits together
 * with its checkpoint, or not at all.
 *
 * Its SQL must name its tables UNQUALIFIED and touch no table outside `tables`: a rebuild runs the
 * same `apply` against fresh copies of those tables in a schema of their own (found first on the
 * search path), then swaps them in. The tables are created by migrations; they should carry no
 * foreign keys and no views should depend on them (a swap replaces the tables themselves).
 */
export interface Projection {
  /** Stored in `projection_checkpoints`; never rename it (a new name starts from position 0). */
  readonly name: string;
  /** The event types `apply` receives; other events only move the checkpoint past them. */
  readonly handles: readonly string[];
  /** The projection's own tables, created by migrations. */
  readonly tables: readonly string[];
  /** Applies the events (in global order); throwing rolls the whole batch back. */
  apply(events: StoredEvent[], tx: ProjectionTransaction): Promise<void>;
}

const PROJECTION_NAME = /^[a-z][a-z0-9_]{0,39}$/;
const TABLE_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** Refuses a projection the runner could not store, lock or rebuild safely. */
export function assertValidProjection(projection: Projection): void {
  if (!PROJECTION_NAME.test(projection.name)) {
    throw new Error(`Projection name ${JSON.stringify(projection.name)} must be lower-case letters, digits and _ (at most 40, starting with a letter)`);
  }
  if (projection.handles.length === 0) throw new Error(`Projection ${projection.name} handles no event type`);
  if (projection.tables.length === 0) throw new Error(`Projection ${projection.name} names no table`);
  const badTable = projection.tables.find((table) => !TABLE_NAME.test(table));
  if (badTable) throw new Error(`Projection ${projection.name}: table name ${JSON.stringify(badTable)} must be a plain lower-case identifier`);
}
