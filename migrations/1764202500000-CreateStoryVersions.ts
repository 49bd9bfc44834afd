import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Tables of the `story_versions` projection (src/stories/projections/versions).
 *
 * `story_versions` holds the whole story document as of every stream version, so reading any
 * version, or diffing any two, is two primary-key reads and no replay of events. The price is
 * write amplification: each event stores a full copy of the document, so a story's storage grows
 * with versions × document size. Measured on test/versions/long-story.spec.ts (2,000 versions,
 * documents growing to 36 KB): 38 MB of JSON, 8.6 MB once TOAST has compressed it.
 * `story_documents` is each story's latest document plus the fold state the next event continues
 * from (the casualty reports its tallies are computed from), and what `GET /stories/:id` reads.
 */
export class CreateStoryVersions1764202500000 implements MigrationInterface {
  name = 'CreateStoryVersions1764202500000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE story_versions (
        story_id    text        NOT NULL,
        version     integer     NOT NULL CHECK (version > 0),
        event_id    uuid        NOT NULL,
        type        text        NOT NULL,
        actor       text        NOT NULL,
        recorded_at timestamptz NOT NULL,
        summary     text        NOT NULL,
        published   boolean     NOT NULL,
        document    jsonb       NOT NULL,
        PRIMARY KEY (story_id, version)
      )`);
    // `?published=true` and the `latest-published` / `previous-published` keywords.
    await queryRunner.query(`CREATE INDEX story_versions_published_idx ON story_versions (story_id, version) WHERE published`);
    await queryRunner.query(`
      CREATE TABLE story_documents (
        story_id text    PRIMARY KEY,
        version  integer NOT NULL CHECK (version > 0),
        document jsonb   NOT NULL,
        reports  jsonb   NOT NULL
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE story_documents`);
    await queryRunner.query(`DROP TABLE story_versions`);
  }
}
