import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The casualty_tallies projection's tables: the stories it has seen opened, and every casualty
 * report as it stands now (corrections applied to `data`, flags for corrected and retracted).
 * A story's tallies are computed from its rows on read: one lookup by primary key, one index range.
 */
export class CreateCasualtyReports1764202200000 implements MigrationInterface {
  name = 'CreateCasualtyReports1764202200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE casualty_tally_stories (story_id uuid PRIMARY KEY)`);
    await queryRunner.query(`
      CREATE TABLE casualty_reports (
        event_id    uuid        PRIMARY KEY,
        story_id    uuid        NOT NULL,
        position    bigint      NOT NULL,
        recorded_at timestamptz NOT NULL,
        data        jsonb       NOT NULL,
        corrected   boolean     NOT NULL DEFAULT false,
        retracted   boolean     NOT NULL DEFAULT false
      )`);
    await queryRunner.query(`CREATE INDEX casualty_reports_by_story ON casualty_reports (story_id, position)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE casualty_reports`);
    await queryRunner.query(`DROP TABLE casualty_tally_stories`);
  }
}
