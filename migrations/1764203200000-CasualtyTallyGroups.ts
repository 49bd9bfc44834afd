import { MigrationInterface, QueryRunner } from 'typeorm';

const REFOLD_CASUALTY_TALLIES = `
  UPDATE projection_checkpoints
     SET position = 0, updated_at = now(), failed_event_id = NULL, failed_position = NULL, failed_event_type = NULL,
         failure_message = NULL, failure_attempts = 0, failed_at = NULL
   WHERE name = 'casualty_tallies'`;

/**
 * A story's tallies are stored one row per (party, category) in `casualty_tally_groups` instead of
 * as one text per story in `casualty_tallies.tallies`. A batch that touches a story then rewrites
 * the groups it changed, not the whole story: on a story of 5,000 reports each append rewrote
 * about 1.5 MB of JSON, and that write was the largest single cost of bench scenario 3 (`writev`
 * 13% of the service's CPU, `--cpu-prof`). `casualty_tallies` keeps one row per opened story (its
 * reads' 404) and `through_position`.
 *
 * `tally` is the group's `JSON.stringify` text; the read joins a story's groups in primary-key
 * order, which is the order of `computeTallies`: `party_key` (the party's grouping key) in the "C"
 * collation (code point order, as `computeTallies` sorts it whatever the database's default
 * collation) and `category_order` (the category's index in killed, wounded, missing, captured,
 * displaced). lz4 as for the text it replaces (1764203000000), where the server has it.
 *
 * The groups can only be computed by the projection, so its tables are emptied and its checkpoint
 * reset: the runner refolds it from position 0 (as 1764202600000 did). Until it has caught up, a
 * read of a story it has not refolded yet answers 404; `?minPosition` waits for it as usual.
 */
export class CasualtyTallyGroups1764203200000 implements MigrationInterface {
  name = 'CasualtyTallyGroups1764203200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE casualty_tally_groups (
         story_id uuid NOT NULL,
         party_key text COLLATE "C" NOT NULL,
         category_order smallint NOT NULL,
         tally text NOT NULL,
         PRIMARY KEY (story_id, party_key, category_order))`,
    );
    await queryRunner.query(
      `DO $$ BEGIN ALTER TABLE casualty_tally_groups ALTER COLUMN tally SET COMPRESSION lz4; EXCEPTION WHEN feature_not_supported THEN NULL; END $$`,
    );
    await queryRunner.query(`ALTER TABLE casualty_tallies DROP COLUMN tallies`);
    await queryRunner.query(`TRUNCATE casualty_tallies, casualty_reports`);
    await queryRunner.query(REFOLD_CASUALTY_TALLIES);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE casualty_tally_groups`);
    await queryRunner.query(`ALTER TABLE casualty_tallies ADD COLUMN tallies text NOT NULL DEFAULT '[]'`);
    await queryRunner.query(
      `DO $$ BEGIN ALTER TABLE casualty_tallies ALTER COLUMN tallies SET COMPRESSION lz4; EXCEPTION WHEN feature_not_supported THEN NULL; END $$`,
    );
    await queryRunner.query(`TRUNCATE casualty_tallies, casualty_reports`);
    await queryRunner.query(REFOLD_CASUALTY_TALLIES);
  }
}
