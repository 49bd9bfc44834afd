import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * API keys: who may call the API and as which role. Only the SHA-256 of each secret is stored
 * (src/auth/api-key-secret.ts says why a fast hash suffices); the unique index on it is also the
 * lookup path of every authenticated request. Keys are revoked, never deleted, so the ids recorded
 * in event metadata always name a key that can still be listed.
 */
export class CreateApiKeys1764201700000 implements MigrationInterface {
  name = 'CreateApiKeys1764201700000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE api_keys (
        id          uuid        PRIMARY KEY,
        name        text        NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
        role        text        NOT NULL CHECK (role IN ('reporter', 'editor', 'consumer', 'admin')),
        secret_hash text        NOT NULL CHECK (secret_hash ~ '^[0-9a-f]{64}$'),
        origin      text        NOT NULL CHECK (origin IN ('environment', 'cli', 'first_start')),
        created_at  timestamptz NOT NULL,
        revoked_at  timestamptz NULL,
        CONSTRAINT api_keys_secret_hash_unique UNIQUE (secret_hash)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE api_keys`);
  }
}
