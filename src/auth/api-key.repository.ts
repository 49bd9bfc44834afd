import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CLOCK, Clock } from '../system/clock';
import { ID_GENERATOR, IdGenerator } from '../system/id-generator';
import { generateApiKeySecret, hashApiKeySecret } from './api-key-secret';
import { Role } from './roles';

/** How a key came to exist: `NEWSDESK_API_KEYS`, `npm run apikey:create`, or the embedded first start. */
export type ApiKeyOrigin = 'environment' | 'cli' | 'first_start';

/** A stored key, without its secret (which is never stored) or its hash. */
export interface ApiKeyRecord {
  id: string;
  name: string;
  role: Role;
  origin: ApiKeyOrigin;
  createdAt: Date;
  revokedAt: Date | null;
}

interface ApiKeyRow {
  id: string;
  name: string;
  role: Role;
  origin: ApiKeyOrigin;
  created_at: Date;
  revoked_at: Date | null;
  secret_hash: string;
}

const COLUMNS = 'id, name, role, origin, created_at, revoked_at, secret_hash';
// UPDATEs are wrapped as `WITH x AS (UPDATE … RETURNING …) SELECT`: TypeORM's `query()` answers a bare
// UPDATE with `[rows, rowCount]` instead of the rows.

/** The `api_keys` table. Used by the service and by the `apikey:*` commands. */
@Injectable()
export class ApiKeyRepository {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ID_GENERATOR) private readonly ids: IdGenerator,
  ) {}

  /** The key whose secret hashes to `secretHash`, revoked or not, with its hash. */
  async findBySecretHash(secretHash: string): Promise<(ApiKeyRecord & { secretHash: string }) | undefined> {
    const [row]: ApiKeyRow[] = await this.dataSource.query(`SELECT ${COLUMNS} FROM api_keys WHERE secret_hash = $1`, [secretHash]);
    return row ? { ...toRecord(row), secretHash: row.secret_hash } : undefined;
  }

  /** Creates a key with a fresh random secret. The secret is returned here once and never again. */
  async create(input: { name: string; role: Role; origin: ApiKeyOrigin }): Promise<{ key: ApiKeyRecord; secret: string }> {
    const secret = generateApiKeySecret();
    const [row]: ApiKeyRow[] = await this.dataSource.query(
      `INSERT INTO api_keys (id, name, role, secret_hash, origin, created_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${COLUMNS}`,
      [this.ids.uuid(), input.name, input.role, hashApiKeySecret(secret), input.origin, this.clock.now()],
    );
    return { key: toRecord(row), secret };
  }

  /**
   * Makes sure a key with this secret exists with this name and role: the same secret always maps to
   * the same row, so restarts never duplicate keys. A revoked key stays revoked (an operator's
   * revocation outranks a stale environment), and `key.revokedAt` says so.
   */
  async upsertWithSecret(input: { name: string; role: Role; secret: string; origin: ApiKeyOrigin }): Promise<{ key: ApiKeyRecord; created: boolean }> {
    const rows: (ApiKeyRow & { inserted: boolean })[] = await this.dataSource.query(
      `INSERT INTO api_keys (id, name, role, secret_hash, origin, created_at) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (secret_hash) DO UPDATE SET name = EXCLUDED.name, role = EXCLUDED.role
       RETURNING ${COLUMNS}, (xmax = 0) AS inserted`,
      [this.ids.uuid(), input.name, input.role, hashApiKeySecret(input.secret), input.origin, this.clock.now()],
    );
    return { key: toRecord(rows[0]), created: rows[0].inserted };
  }

  /** Revokes the key with this id; returns it, or `undefined` when no such key is active. */
  async revokeById(id: string): Promise<ApiKeyRecord | undefined> {
    const rows: ApiKeyRow[] = await this.dataSource.query(
      `WITH revoked AS (UPDATE api_keys SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL RETURNING ${COLUMNS}) SELECT * FROM revoked`,
      [id, this.clock.now()],
    );
    return rows[0] ? toRecord(rows[0]) : undefined;
  }

  /** Revokes every active key with this name; returns those revoked. */
  async revokeByName(name: string): Promise<ApiKeyRecord[]> {
    const rows: ApiKeyRow[] = await this.dataSource.query(
      `WITH revoked AS (UPDATE api_keys SET revoked_at = $2 WHERE name = $1 AND revoked_at IS NULL RETURNING ${COLUMNS}) SELECT * FROM revoked`,
      [name, this.clock.now()],
    );
    return rows.map(toRecord);
  }

  /** Every key, active and revoked, oldest first. */
  async list(): Promise<ApiKeyRecord[]> {
    const rows: ApiKeyRow[] = await this.dataSource.query(`SELECT ${COLUMNS} FROM api_keys ORDER BY created_at, id`);
    return rows.map(toRecord);
  }

  /** How many keys exist, revoked ones included. */
  async count(): Promise<number> {
    const [row]: { count: number }[] = await this.dataSource.query('SELECT count(*)::integer AS count FROM api_keys');
    return row.count;
  }
}

function toRecord(row: ApiKeyRow): ApiKeyRecord {
  return { id: row.id, name: row.name, role: row.role, origin: row.origin, createdAt: row.created_at, revokedAt: row.revoked_at };
}
