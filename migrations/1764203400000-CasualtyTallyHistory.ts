import { MigrationInterface, QueryRunner } from 'typeorm';

const REFOLD_CASUALTY_TALLIES = `
  UPDATE projection_checkpoints
     SET position = 0, updated_at = now(), failed_event_id = NULL, failed_position = NULL, failed_event_type = NULL,
         failure_message = NULL, failure_attempts = 0, failed_at = NULL
   WHERE name = 'casualty_tallies'`;

/**
 * A tally's `history` is stored one row per report in `casualty_tally_history` instead of inside
 * its group's text in `casualty_tally_groups`, which now holds the tally without `history`. A
 * group's history lists every report of the group, so a batch that added one report to it
 * rewrote them all: on bench scenario 2 the projections' CPU per append (service and PostgreSQL)
 * grew with the story's length, 742 → 501 appends/s as the stories grew from 74 to 379 reports.
 * Now a batch writes one history row per report it recorded, corrected or retracted, and its
 * groups' texts without history, a few hundred bytes each.
 *
 * `entry` is the history entry's `JSON.stringify` text; `party_key` and `category_order` place it
 * in its group as `casualty_tally_groups` keys them (a correction can move a report to another
 * group: its row is updated in place); `as_of` (the report's `asOf`) and `position` are its
 * place in the history, which lists a group's reports in `asOf` order, ties by position. The
 * read joins each group's text with its entries in that order.
 *
 * The rows can only be computed by the projection, so its tables are emptied and its checkpoint
 * reset: the runner refolds it from position 0 (as 1764203200000 did). Until it has caught up, a
 * read of a story it has not refolded yet answers 404; `?minPosition` waits for it as usual.
 */
export class CasualtyTallyHistory1764203400000 implements MigrationInterface {
  name = 'CasualtyTallyHistory1764203400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE casualty_tally_history (
         story_id uuid NOT NULL,
         event_id uuid NOT NULL,
         party_key text COLLATE "C" NOT NULL,
         category_order smallint NOT NULL,
         as_of timestamptz NOT NULL,
         position bigint NOT NULL,
         entry text NOT NULL,
         PRIMARY KEY (story_id, event_id))`,
    );
    await queryRunner.query(`TRUNCATE casualty_tallies, casualty_reports, casualty_tally_groups`);
    await queryRunner.query(REFOLD_CASUALTY_TALLIES);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE casualty_tally_history`);
    await queryRunner.query(`TRUNCATE casualty_tallies, casualty_reports, casualty_tally_groups`);
    await queryRunner.query(REFOLD_CASUALTY_TALLIES);
  }
}
