import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `story_versions` stops storing the whole document of every version (1764202500000 explains why
 * it did, and what that cost: 38 MB of JSON for one story of 2,000 versions, write amplification of
 * versions × document size, a rebuild at ~400 events/s).
 *
 * Now each row keeps the version list's metadata plus what `evolveDocument` needs to re-fold that
 * version from the one before: the event's global `position` (casualty reports carry it) and its
 * `data`, upcast to the schema it had when projected (a change of upcasters that alters what the
 * fold reads needs a rebuild of this projection, as it would have before). Type, id, version and
 * time were already columns. A row is a few hundred bytes whatever the document's size.
 *
 * `story_version_snapshots` holds the fold state (document + casualty reports) at every version
 * that is a multiple of K = 64. Version v is read as the nearest snapshot at or below v (or the
 * latest state, when v is the latest version) plus the rows (snapshot, v], folded: one query, at
 * most 63 event rows and one document. Why 64: a read
 * then costs about what one document row of a long story cost before (63 rows of ~300 bytes ≈ one
 * 20-40 KB document), and the snapshots add 1/64 of a document per version, so the story above
 * stores ~31 documents instead of 2,000. A smaller K buys little read time for more storage; a
 * larger one makes every read fold hundreds of events. Snapshots sit on fixed multiples (not "every
 * K events since the last") so an incremental run and a rebuild write the same rows whatever
 * their batch boundaries.
 *
 * `story_documents` keeps its role: each story's latest document and fold state, what
 * `GET /stories/:id` reads and where the next event's fold continues. It is now the projection's
 * largest write (every batch upserts the whole state of each story it touches), so the document
 * columns of all three tables become `json` (stored as sent, not converted to jsonb's binary form:
 * nothing queries inside them, and the service parses them either way) compressed with lz4 where
 * the server has it (a server built without lz4 keeps pglz). On 100 states of ~100 KB, an upsert
 * took 914 ms as jsonb/pglz, 286 ms as jsonb/lz4 and 206 ms as json/lz4; reading them back 288,
 * 156 and 108 ms.
 *
 * The tables are emptied and the projection's checkpoint goes back to 0, so the runner refolds
 * every story into the new shape (the old rows cannot be converted: they lack the event data).
 */
export class StoryVersionsKeepEventsAndSnapshots1764202700000 implements MigrationInterface {
  name = 'StoryVersionsKeepEventsAndSnapshots1764202700000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`TRUNCATE story_versions, story_documents`);
    await queryRunner.query(`
      ALTER TABLE story_versions
        DROP COLUMN document,
        ADD COLUMN position bigint NOT NULL CHECK (position > 0),
        ADD COLUMN data     json   NOT NULL`);
    await queryRunner.query(`ALTER TABLE story_documents ALTER COLUMN document TYPE json, ALTER COLUMN reports TYPE json`);
    await queryRunner.query(`
      CREATE TABLE story_version_snapshots (
        story_id text    NOT NULL,
        version  integer NOT NULL CHECK (version > 0),
        document json    NOT NULL,
        reports  json    NOT NULL,
        PRIMARY KEY (story_id, version)
      )`);
    await compressWithLz4(queryRunner, { story_versions: ['data'], story_documents: ['document', 'reports'], story_version_snapshots: ['document', 'reports'] });
    await resetCheckpoint(queryRunner);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE story_version_snapshots`);
    await queryRunner.query(`TRUNCATE story_versions, story_documents`);
    await queryRunner.query(`ALTER TABLE story_versions DROP COLUMN position, DROP COLUMN data, ADD COLUMN document jsonb NOT NULL`);
    await queryRunner.query(`
      ALTER TABLE story_documents
        ALTER COLUMN document TYPE jsonb, ALTER COLUMN document SET COMPRESSION default,
        ALTER COLUMN reports TYPE jsonb, ALTER COLUMN reports SET COMPRESSION default`);
    await resetCheckpoint(queryRunner);
  }
}

/** The runner refolds `story_versions` from the first event (a missing row is created at 0 anyway). */
async function resetCheckpoint(queryRunner: QueryRunner): Promise<void> {
  await queryRunner.query(`
    UPDATE projection_checkpoints
       SET position = 0, updated_at = now(), failed_event_id = NULL, failed_position = NULL, failed_event_type = NULL,
           failure_message = NULL, failure_attempts = 0, failed_at = NULL
     WHERE name = 'story_versions'`);
}

/** lz4 for these columns; a server built without it (ERRCODE feature_not_supported) keeps the default. */
async function compressWithLz4(queryRunner: QueryRunner, columns: Record<string, string[]>): Promise<void> {
  const alterations = Object.entries(columns).map(
    ([table, names]) => `ALTER TABLE ${table} ${names.map((name) => `ALTER COLUMN ${name} SET COMPRESSION lz4`).join(', ')};`,
  );
  await queryRunner.query(`DO $$ BEGIN ${alterations.join(' ')} EXCEPTION WHEN feature_not_supported THEN NULL; END $$`);
}
