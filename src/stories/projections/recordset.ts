import type { ProjectionTransaction } from '../../projections/projection';

/** Column name → SQL type, as `jsonb_to_recordset` declares them; the names are the rows' keys. */
export type RecordColumns = Readonly<Record<string, string>>;

/**
 * `jsonb_to_recordset($n::jsonb) AS r(column type, …)`: a whole batch of rows as one parameter
 * (`JSON.stringify(rows)`), so a batch writes with one statement per table whatever its size.
 * A key that is absent or `null` reads as NULL; a `Date` arrives as its ISO string.
 */
export function recordset(columns: RecordColumns, parameter = 1): string {
  const declared = Object.entries(columns).map(([name, type]) => `${name} ${type}`);
  return `jsonb_to_recordset($${parameter}::jsonb) AS r(${declared.join(', ')})`;
}

/** Inserts `rows` (keyed by column name) into `table` with one statement; none when there are no rows. */
export async function insertRows(tx: ProjectionTransaction, table: string, columns: RecordColumns, rows: readonly object[]): Promise<void> {
  if (rows.length === 0) return;
  const names = Object.keys(columns).join(', ');
  await tx.query(`INSERT INTO ${table} (${names}) SELECT ${names} FROM ${recordset(columns)}`, [JSON.stringify(rows)]);
}

/**
 * Updates the rows of `table` whose `key` matches one of `rows` with one statement: `assignments`
 * is the SET list, reading the new values as `r.column` and the old ones as `t.column`.
 */
export async function updateRows(
  tx: ProjectionTransaction,
  table: string,
  key: string,
  columns: RecordColumns,
  assignments: string,
  rows: readonly object[],
): Promise<void> {
  if (rows.length === 0) return;
  await tx.query(`UPDATE ${table} AS t SET ${assignments} FROM ${recordset(columns)} WHERE t.${key} = r.${key}`, [JSON.stringify(rows)]);
}
