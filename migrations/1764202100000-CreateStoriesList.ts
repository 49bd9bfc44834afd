import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The stories_list projection's table: one row per story, listed newest change first
 * (`last_position`, unique because every event belongs to exactly one story), optionally by status or desk.
 */
export class CreateStoriesList1764202100000 implements MigrationInterface {
  name = 'CreateStoriesList1764202100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE stories_list (
        story_id          uuid        PRIMARY KEY,
        slug              text        NOT NULL,
        headline          text        NOT NULL,
        desk              text,
        status            text        NOT NULL CHECK (status IN ('draft', 'published')),
        version           integer     NOT NULL CHECK (version > 0),
        published_version integer,
        updated_at        timestamptz NOT NULL,
        last_position     bigint      NOT NULL
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX stories_list_by_last_position ON stories_list (last_position DESC)`);
    await queryRunner.query(`CREATE INDEX stories_list_by_status ON stories_list (status, last_position DESC)`);
    await queryRunner.query(`CREATE INDEX stories_list_by_desk ON stories_list (lower(desk), last_position DESC)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE stories_list`);
  }
}
