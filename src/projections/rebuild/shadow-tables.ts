import type { DataSource, QueryRunner } from 'typeorm';
import type { Projection } from '../projection';
import { quoteIdentifier as ident } from '../sql-identifier';

interface IndexShape {
  name: string;
  /** The index definition without its name and table, e.g. `UNIQUE USING btree (stream_id)`. */
  shape: string;
}

/**
 * Fresh, empty copies of a projection's tables in a schema of their own, built while readers keep
 * using the live tables, then swapped in inside the caller's (short) transaction.
 *
 * Why swap tables rather than copy rows back: a swap costs a few catalog updates whatever the size,
 * so the live runner and readers wait milliseconds, not for a copy of every row. The copies come
 * from `CREATE TABLE … (LIKE … INCLUDING ALL)` (columns, defaults, constraints, indexes, identity);
 * after the swap their indexes take the old names back, and sequences of `serial` columns pass to
 * the new tables, so later migrations find what they expect. Not carried over: foreign keys,
 * triggers, grants and dependent views — projection tables should have none.
 */
export class ShadowTables {
  readonly schema: string;
  private readonly retired: string;

  constructor(private readonly dataSource: DataSource, private readonly projection: Projection) {
    this.schema = `projection_rebuild_${projection.name}`;
    this.retired = `projection_retired_${projection.name}`;
  }

  /** (Re)creates the schema with an empty copy of every table, leaving whatever an interrupted rebuild left behind. */
  async create(): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const run = (sql: string, params: unknown[] = []) => manager.query(sql, params);
      await run(`DROP SCHEMA IF EXISTS ${ident(this.schema)} CASCADE`);
      await run(`CREATE SCHEMA ${ident(this.schema)}`);
      for (const table of this.projection.tables) {
        const live = await liveSchemaOf(manager.queryRunner!, table);
        await run(`CREATE TABLE ${ident(this.schema)}.${ident(table)} (LIKE ${ident(live)}.${ident(table)} INCLUDING ALL)`);
      }
    });
  }

  async drop(): Promise<void> {
    await this.dataSource.query(`DROP SCHEMA IF EXISTS ${ident(this.schema)} CASCADE`);
  }

  /** Inside the caller's transaction: the copies replace the live tables; the old ones are dropped. */
  async swapIn(queryRunner: QueryRunner): Promise<void> {
    const run = (sql: string) => queryRunner.query(sql);
    await run(`DROP SCHEMA IF EXISTS ${ident(this.retired)} CASCADE`);
    await run(`CREATE SCHEMA ${ident(this.retired)}`);
    for (const table of this.projection.tables) {
      const live = await liveSchemaOf(queryRunner, table);
      const oldIndexes = await indexesOf(queryRunner, live, table);
      const serialSequences = await serialSequencesOf(queryRunner, live, table);
      await run(`ALTER TABLE ${ident(live)}.${ident(table)} SET SCHEMA ${ident(this.retired)}`);
      await run(`ALTER TABLE ${ident(this.schema)}.${ident(table)} SET SCHEMA ${ident(live)}`);
      await renameIndexesAs(queryRunner, live, table, oldIndexes);
      for (const { sequence, column } of serialSequences) {
        // An owned sequence moves only with its table, and may only be owned within its schema: unlink, move, link.
        await run(`ALTER SEQUENCE ${ident(this.retired)}.${ident(sequence)} OWNED BY NONE`);
        await run(`ALTER SEQUENCE ${ident(this.retired)}.${ident(sequence)} SET SCHEMA ${ident(live)}`);
        await run(`ALTER SEQUENCE ${ident(live)}.${ident(sequence)} OWNED BY ${ident(live)}.${ident(table)}.${ident(column)}`);
      }
    }
    await run(`DROP SCHEMA ${ident(this.retired)} CASCADE`);
    await run(`DROP SCHEMA ${ident(this.schema)} CASCADE`);
  }
}

async function liveSchemaOf(queryRunner: QueryRunner, table: string): Promise<string> {
  const [row]: { schema: string | null }[] = await queryRunner.query(
    `SELECT n.nspname AS schema FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.oid = to_regclass(quote_ident($1))`,
    [table],
  );
  if (!row?.schema) throw new Error(`Projection table ${table} does not exist: its migration must create it`);
  return row.schema;
}

async function indexesOf(queryRunner: QueryRunner, schema: string, table: string): Promise<IndexShape[]> {
  return queryRunner.query(
    `SELECT c.relname AS name,
            regexp_replace(pg_get_indexdef(i.indexrelid), '^CREATE (UNIQUE )?INDEX \\S+ ON (ONLY )?\\S+ ', '\\1') AS shape
       FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
      WHERE i.indrelid = (quote_ident($1) || '.' || quote_ident($2))::regclass
      ORDER BY c.relname`,
    [schema, table],
  );
}

/** Gives the swapped-in table's indexes (and so their constraints) the names the old table's had. */
async function renameIndexesAs(queryRunner: QueryRunner, schema: string, table: string, wanted: IndexShape[]): Promise<void> {
  const current = await indexesOf(queryRunner, schema, table);
  const renames: { from: string; to: string }[] = [];
  for (const old of wanted) {
    const match = current.findIndex((index) => index.shape === old.shape);
    if (match < 0) continue;
    const [index] = current.splice(match, 1);
    if (index.name !== old.name) renames.push({ from: index.name, to: old.name });
  }
  // Two steps, so a name freed by one rename can be taken by another without a clash.
  for (const [n, rename] of renames.entries()) {
    await queryRunner.query(`ALTER INDEX ${ident(schema)}.${ident(rename.from)} RENAME TO ${ident(`projection_swap_${n}`)}`);
  }
  for (const [n, rename] of renames.entries()) {
    await queryRunner.query(`ALTER INDEX ${ident(schema)}.${ident(`projection_swap_${n}`)} RENAME TO ${ident(rename.to)}`);
  }
}

/** Sequences created by `serial` columns (identity columns bring their own with the copy). */
async function serialSequencesOf(queryRunner: QueryRunner, schema: string, table: string): Promise<{ sequence: string; column: string }[]> {
  return queryRunner.query(
    `SELECT s.relname AS sequence, a.attname AS column
       FROM pg_depend d
       JOIN pg_class s ON s.oid = d.objid AND s.relkind = 'S'
       JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
      WHERE d.classid = 'pg_class'::regclass AND d.deptype = 'a'
        AND d.refobjid = (quote_ident($1) || '.' || quote_ident($2))::regclass`,
    [schema, table],
  );
}
