import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `Idempotency-Key` records, one per (principal, key): the fingerprint of the first request and,
 * once it succeeded, its response. A row is `in_progress` while its first request runs (claimed with
 * `claim_token`, until `locked_until`), then `completed`.
 *
 * Retention: rows count for 24 hours (`expires_at`); after that the same key may be used again and
 * its row is overwritten in place. Nothing deletes old rows; an operator who wants the space back can
 * run `DELETE FROM idempotency_keys WHERE expires_at < now()` at any time (the index serves it).
 */
export class CreateIdempotencyKeys1764201800000 implements MigrationInterface {
  name = 'CreateIdempotencyKeys1764201800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE idempotency_keys (
        principal_id     uuid        NOT NULL,
        key              text        NOT NULL CHECK (length(key) BETWEEN 1 AND 200),
        request_hash     text        NOT NULL CHECK (request_hash ~ '^[0-9a-f]{64}$'),
        status           text        NOT NULL CHECK (status IN ('in_progress', 'completed')),
        claim_token      uuid        NOT NULL,
        locked_until     timestamptz NULL,
        response_status  integer     NULL,
        response_headers jsonb       NULL,
        response_body    json        NULL, -- json, not jsonb: a replay repeats the first answer byte for byte (jsonb reorders keys)
        created_at       timestamptz NOT NULL,
        expires_at       timestamptz NOT NULL,
        PRIMARY KEY (principal_id, key),
        CONSTRAINT idempotency_keys_state CHECK (
          (status = 'in_progress' AND locked_until IS NOT NULL AND response_status IS NULL)
          OR (status = 'completed' AND response_status IS NOT NULL AND response_headers IS NOT NULL))
      )`);
    await queryRunner.query(`CREATE INDEX idempotency_keys_expires_at ON idempotency_keys (expires_at)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE idempotency_keys`);
  }
}
