import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The corrections projection's tables: the stories it has seen opened, the current data of every
 * correctable development (what a retraction withdraws), and the log itself, read newest first
 * desk-wide or per story.
 */
export class CreateCorrectionsLog1764202400000 implements MigrationInterface {
  name = 'CreateCorrectionsLog1764202400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE correction_stories (story_id uuid PRIMARY KEY)`);
    await queryRunner.query(`
      CREATE TABLE correction_targets (
        event_id uuid  PRIMARY KEY,
        story_id uuid  NOT NULL,
        data     jsonb NOT NULL
      )`);
    await queryRunner.query(`
      CREATE TABLE corrections_log (
        event_id        uuid        PRIMARY KEY,
        story_id        uuid        NOT NULL,
        position        bigint      NOT NULL,
        target_event_id uuid        NOT NULL,
        target_type     text        NOT NULL,
        kind            text        NOT NULL CHECK (kind IN ('correction', 'retraction')),
        reason          text        NOT NULL,
        notice          text,
        before          jsonb       NOT NULL,
        after           jsonb,
        actor           jsonb       NOT NULL,
        recorded_at     timestamptz NOT NULL
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX corrections_log_by_position ON corrections_log (position DESC)`);
    await queryRunner.query(`CREATE INDEX corrections_log_by_story ON corrections_log (story_id, position DESC)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE corrections_log`);
    await queryRunner.query(`DROP TABLE correction_targets`);
    await queryRunner.query(`DROP TABLE correction_stories`);
  }
}
