import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `casualty_tallies.through_position`: the position of the last event the projection applied to
 * this story's reports (0: not known, as for every row written before this column). A story's
 * report rows after all events up to a position are a pure fold of immutable events, so a copy of
 * them tagged with that position is right wherever it was made — which lets the projection keep
 * recent stories' reports in memory and use them only when the row's tag matches, instead of
 * reading every report of a story back at every batch that touches it (on a story of 5,000
 * reports, about a third of the projection's CPU per batch, `--cpu-prof` of bench scenario 3).
 */
export class CasualtyTalliesThroughPosition1764203100000 implements MigrationInterface {
  name = 'CasualtyTalliesThroughPosition1764203100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE casualty_tallies ADD COLUMN through_position bigint NOT NULL DEFAULT 0`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE casualty_tallies DROP COLUMN through_position`);
  }
}
