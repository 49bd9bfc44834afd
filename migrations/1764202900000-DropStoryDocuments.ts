import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `story_documents` goes: a story's latest state is no longer stored, it is read like any other
 * version, as the nearest snapshot plus the fewer than 64 version rows after it, re-folded.
 *
 * Why: the projection upserted each touched story's whole fold state (the document plus every
 * casualty report its tallies come from, ~90 KB on a long story) at the end of every batch, so the
 * write grew with the story. Measured: under live load (`npm run bench -- --scenario 2 --quick`,
 * PostgreSQL statement logging) that upsert was the largest projection statement, 570 calls and
 * 1,336 ms, more than every other projection statement together, and its JSON.stringify and socket
 * write a visible part of the service's CPU; in a rebuild of 100,000 events, story_versions took
 * 15 of the 19.7 s, of which PostgreSQL spent 3.2 s on these upserts (snapshots 2.0 s, version
 * rows 1.7 s).
 *
 * The projection now keeps recent latest states in memory (trusted only when the story's head
 * version in the tables matches, see StoryVersionsProjection), and `GET /stories/:id` folds at
 * most 63 rows onto a snapshot. The other tables are unchanged, so nothing needs refolding.
 *
 * `down()` recreates the table as 1764202700000 left it, empty, and sends the projection back to
 * position 0 with its other tables emptied, so the runner refolds every story and fills all three.
 */
export class DropStoryDocuments1764202900000 implements MigrationInterface {
  name = 'DropStoryDocuments1764202900000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE story_documents`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE story_documents (
        story_id text    PRIMARY KEY,
        version  integer NOT NULL CHECK (version > 0),
        document json    NOT NULL,
        reports  json    NOT NULL
      )`);
    // lz4 where the server has it (a server built without it, ERRCODE feature_not_supported, keeps pglz).
    await queryRunner.query(`
      DO $$ BEGIN
        ALTER TABLE story_documents ALTER COLUMN document SET COMPRESSION lz4, ALTER COLUMN reports SET COMPRESSION lz4;
      EXCEPTION WHEN feature_not_supported THEN NULL; END $$`);
    // A refold from 0 inserts every version row again: the rows must go first.
    await queryRunner.query(`TRUNCATE story_versions, story_version_snapshots`);
    await queryRunner.query(`
      UPDATE projection_checkpoints
         SET position = 0, updated_at = now(), failed_event_id = NULL, failed_position = NULL, failed_event_type = NULL,
             failure_message = NULL, failure_attempts = 0, failed_at = NULL
       WHERE name = 'story_versions'`);
  }
}
