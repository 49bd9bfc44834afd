import { Client } from 'pg';

/** Tables that are not projections: the store, keys, idempotency, slugs, checkpoints, migrations. */
const NOT_PROJECTION_TABLES = ['events', 'api_keys', 'idempotency_keys', 'story_slugs', 'projection_checkpoints', 'migrations'];

/** Every projection table's rows as sorted JSON text, keyed by table: comparable across a rebuild. */
export async function snapshotProjections(databaseUrl: string): Promise<Map<string, string[]>> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows: tables } = await client.query<{ name: string }>(
      `SELECT table_name AS name FROM information_schema.tables
        WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND NOT (table_name = ANY($1)) ORDER BY table_name`,
      [NOT_PROJECTION_TABLES],
    );
    const snapshot = new Map<string, string[]>();
    for (const { name } of tables) {
      const { rows } = await client.query<{ row: string }>(`SELECT to_jsonb(t)::text AS row FROM "${name}" t ORDER BY 1`);
      snapshot.set(name, rows.map((row) => row.row));
    }
    return snapshot;
  } finally {
    await client.end();
  }
}

/** Names of the tables whose rows differ between two snapshots (row by row: a long run's tables outgrow one string). */
export function differingTables(left: Map<string, string[]>, right: Map<string, string[]>): string[] {
  const names = new Set([...left.keys(), ...right.keys()]);
  const same = (a: string[] | undefined, b: string[] | undefined) => a !== undefined && b !== undefined && a.length === b.length && a.every((row, index) => row === b[index]);
  return [...names].filter((name) => !same(left.get(name), right.get(name)));
}
