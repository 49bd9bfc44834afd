import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `casualty_tallies.tallies` is rewritten whole for every story a projection batch touches: tens
 * of kilobytes of JSON text per story, compressed on every write with the default pglz. lz4 (as
 * 1764202700000 chose for the story documents) compresses it several times faster: 100 rows of
 * 65 KB tallies-shaped text took 12.6 and 65.5 ms to update with pglz, 7.4 and 13.3 ms with lz4
 * (psql `\timing`, two rounds), and the casualty read decompresses it faster too.
 *
 * Only values written from now on are compressed with lz4; older ones stay readable as they are
 * and are replaced at the story's next batch. A server built without lz4 keeps pglz.
 */
export class CasualtyTalliesLz4Compression1764203000000 implements MigrationInterface {
  name = 'CasualtyTalliesLz4Compression1764203000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `DO $$ BEGIN ALTER TABLE casualty_tallies ALTER COLUMN tallies SET COMPRESSION lz4; EXCEPTION WHEN feature_not_supported THEN NULL; END $$`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE casualty_tallies ALTER COLUMN tallies SET COMPRESSION default`);
  }
}
