import { MigrationInterface, QueryRunner } from 'typeorm';

const REFOLD_CASUALTY_TALLIES = `
  UPDATE projection_checkpoints
     SET position = 0, updated_at = now(), failed_event_id = NULL, failed_position = NULL, failed_event_type = NULL,
         failure_message = NULL, failure_attempts = 0, failed_at = NULL
   WHERE name = 'casualty_tallies'`;

/**
 * The casualty_tallies projection keeps each story's tallies, computed when a batch touches the
 * story, instead of computing them on every read. `casualty_tallies` has one row per story the
 * projection has seen opened (so it replaces `casualty_tally_stories`), its tallies as the JSON
 * text the read sends as it is (`text`: `jsonb` would reorder keys, and `json` would be parsed
 * again on every write of what only the projection writes, from `JSON.stringify`).
 *
 * The stored tallies can only be computed by the projection, so its tables are emptied and its
 * checkpoint reset: the runner refolds it from position 0. Until it has caught up, a read of a
 * story it has not refolded yet answers 404; `?minPosition` waits for it as usual.
 */
export class StoreCasualtyTallies1764202600000 implements MigrationInterface {
  name = 'StoreCasualtyTallies1764202600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE casualty_tally_stories`);
    await queryRunner.query(`CREATE TABLE casualty_tallies (story_id uuid PRIMARY KEY, tallies text NOT NULL DEFAULT '[]')`);
    await queryRunner.query(`TRUNCATE casualty_reports`);
    await queryRunner.query(REFOLD_CASUALTY_TALLIES);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE casualty_tallies`);
    await queryRunner.query(`CREATE TABLE casualty_tally_stories (story_id uuid PRIMARY KEY)`);
    await queryRunner.query(`TRUNCATE casualty_reports`);
    await queryRunner.query(REFOLD_CASUALTY_TALLIES);
  }
}
