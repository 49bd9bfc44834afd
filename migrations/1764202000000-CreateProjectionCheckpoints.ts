import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One row per projection: how far in the global order its tables are, and the event it is stuck
 * on, if any. The runner moves `position` in the same transaction as the projection's writes, so the
 * row is the truth about what the tables contain. The failure columns live here (not in memory) so
 * every API instance's `/health` reports a projection that another instance is failing to apply.
 */
export class CreateProjectionCheckpoints1764202000000 implements MigrationInterface {
  name = 'CreateProjectionCheckpoints1764202000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE projection_checkpoints (
        name              text        PRIMARY KEY CHECK (name ~ '^[a-z][a-z0-9_]{0,39}$'),
        position          bigint      NOT NULL DEFAULT 0 CHECK (position >= 0),
        updated_at        timestamptz NOT NULL DEFAULT now(),
        failed_event_id   uuid,
        failed_position   bigint,
        failed_event_type text,
        failure_message   text,
        failure_attempts  integer     NOT NULL DEFAULT 0,
        failed_at         timestamptz
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE projection_checkpoints`);
  }
}
