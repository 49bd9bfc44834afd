import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Slugs are unique across the desk, a rule no single story stream can enforce. Opening a story
 * claims its slug here in the same transaction as the StoryOpened append, so a story never exists
 * without its slug and two stories never share one. Write-side state, not a projection.
 */
export class CreateStorySlugs1764201900000 implements MigrationInterface {
  name = 'CreateStorySlugs1764201900000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE story_slugs (
        slug       text        PRIMARY KEY,
        story_id   uuid        NOT NULL UNIQUE,
        claimed_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE story_slugs');
  }
}
