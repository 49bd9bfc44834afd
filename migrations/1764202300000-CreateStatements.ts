import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The statements projection's tables: the stories it has seen opened, and every statement as it
 * stands now, with the speaker's name and organization keyed (lower case, spaces tidied) so a
 * lookup across stories walks one index newest first.
 */
export class CreateStatements1764202300000 implements MigrationInterface {
  name = 'CreateStatements1764202300000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE statement_stories (story_id uuid PRIMARY KEY)`);
    await queryRunner.query(`
      CREATE TABLE statements (
        event_id         uuid        PRIMARY KEY,
        story_id         uuid        NOT NULL,
        position         bigint      NOT NULL,
        recorded_at      timestamptz NOT NULL,
        data             jsonb       NOT NULL,
        speaker_key      text        NOT NULL,
        organization_key text,
        corrected        boolean     NOT NULL DEFAULT false,
        retracted        boolean     NOT NULL DEFAULT false
      )`);
    await queryRunner.query(`CREATE INDEX statements_by_story ON statements (story_id, position)`);
    await queryRunner.query(`CREATE UNIQUE INDEX statements_by_position ON statements (position DESC)`);
    await queryRunner.query(`CREATE INDEX statements_by_speaker ON statements (speaker_key, position DESC)`);
    await queryRunner.query(`CREATE INDEX statements_by_organization ON statements (organization_key, position DESC)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE statements`);
    await queryRunner.query(`DROP TABLE statement_stories`);
  }
}
