import { Inject, Injectable, Optional } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { DataSource } from 'typeorm';
import { DomainError } from '../errors/domain-error';
import { CLOCK, Clock } from '../system/clock';
import { ID_GENERATOR, IdGenerator } from '../system/id-generator';

/** A response as it is replayed: status, the headers worth repeating, and the JSON body. */
export interface StoredResponse {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

/** The right to run the first request of a key; hand it back to `complete` or `release`. */
export interface IdempotencyClaim {
  principalId: string;
  key: string;
  claimToken: string;
  /** When the key was claimed for this request: kept by a retry that takes the claim over, new once the key expired and is used afresh. */
  claimedAt: Date;
  /** This claim took over one whose holder vanished (its lease ran out): that run may have written before its answer was lost. */
  takenOver: boolean;
}

export type ClaimOutcome = { kind: 'claimed'; claim: IdempotencyClaim } | { kind: 'replay'; response: StoredResponse };

export interface IdempotencyTiming {
  /** How long a key is remembered; after that it may be used for a new request. */
  retentionMs: number;
  /** How long a first request may hold its key before a retry of the same request may take it over. */
  leaseMs: number;
  /** How long a retry waits for a first request still running before answering 409. */
  waitMs: number;
  /** Pause between two looks at a running first request. */
  pollMs: number;
}

/** Token to override {@link DEFAULT_IDEMPOTENCY_TIMING} (tests). */
export const IDEMPOTENCY_TIMING = Symbol('IdempotencyTiming');

export const DEFAULT_IDEMPOTENCY_TIMING: IdempotencyTiming = { retentionMs: 24 * 3_600_000, leaseMs: 60_000, waitMs: 10_000, pollMs: 50 };

interface KeyRow {
  request_hash: string;
  status: 'in_progress' | 'completed';
  response_status: number | null;
  response_headers: Record<string, string> | null;
  response_body: unknown;
}

/**
 * The `idempotency_keys` table: at most one request per (principal, key) runs, and every retry of it
 * gets its stored answer.
 *
 * The first request claims the key with one atomic upsert that only succeeds on a fresh key, an
 * expired one, or a same-request claim whose holder is gone (its lease ran out). Everyone else reads
 * the row: another request → 409 `idempotency_key_reused`; a stored answer → replay; still running →
 * wait, polling, up to `waitMs`, then 409 `idempotency_key_in_progress`. No transaction is held while
 * the handler runs, so this works on the single-connection embedded PostgreSQL too.
 */
@Injectable()
export class IdempotencyKeyStore {
  private readonly timing: IdempotencyTiming;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ID_GENERATOR) private readonly ids: IdGenerator,
    @Optional() @Inject(IDEMPOTENCY_TIMING) timing?: Partial<IdempotencyTiming>,
  ) {
    this.timing = { ...DEFAULT_IDEMPOTENCY_TIMING, ...timing };
  }

  /**
   * Claims `key` for this request, or returns the stored response of the same earlier request,
   * waiting for it while it runs.
   * @throws DomainError `idempotency_key_reused` (409) when the key was used for another request
   * @throws DomainError `idempotency_key_in_progress` (409) when the first request is still running after the wait
   */
  async claim(principalId: string, key: string, requestHash: string): Promise<ClaimOutcome> {
    const deadline = Date.now() + this.timing.waitMs;
    for (;;) {
      const claimToken = this.ids.uuid();
      const claimed = await this.tryClaim(principalId, key, requestHash, claimToken);
      if (claimed !== undefined) return { kind: 'claimed', claim: { principalId, key, claimToken, ...claimed } };

      const [row]: KeyRow[] = await this.dataSource.query(
        `SELECT request_hash, status, response_status, response_headers, response_body
           FROM idempotency_keys WHERE principal_id = $1 AND key = $2`,
        [principalId, key],
      );
      if (!row) continue; // released between our two statements: claim again
      if (row.request_hash !== requestHash) {
        throw new DomainError('idempotency_key_reused', 'This Idempotency-Key was already used for a different request.', 'conflict', {
          header: 'Idempotency-Key',
        });
      }
      if (row.status === 'completed') {
        return { kind: 'replay', response: { status: row.response_status!, headers: row.response_headers ?? {}, body: row.response_body ?? undefined } };
      }
      if (Date.now() >= deadline) {
        throw new DomainError('idempotency_key_in_progress', 'The first request with this Idempotency-Key is still running; retry shortly.', 'conflict', {
          header: 'Idempotency-Key',
          retryAfterSeconds: 1,
        });
      }
      await sleep(this.timing.pollMs);
    }
  }

  /** Stores the response of a claimed request. False when the claim was lost (its lease ran out and a retry took over). */
  async complete(claim: IdempotencyClaim, response: StoredResponse): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      // Wrapped in a SELECT because TypeORM answers a bare UPDATE with `[rows, rowCount]`.
      `WITH completed AS (
         UPDATE idempotency_keys
            SET status = 'completed', locked_until = NULL, response_status = $4, response_headers = $5::jsonb, response_body = $6::json
          WHERE principal_id = $1 AND key = $2 AND claim_token = $3 AND status = 'in_progress'
          RETURNING 1)
       SELECT * FROM completed`,
      [claim.principalId, claim.key, claim.claimToken, response.status, JSON.stringify(response.headers), toJsonParameter(response.body)],
    );
    return rows.length === 1;
  }

  /** Gives a claim back after its request failed, so a retry runs the request again. */
  async release(claim: IdempotencyClaim): Promise<void> {
    await this.dataSource.query(
      `DELETE FROM idempotency_keys WHERE principal_id = $1 AND key = $2 AND claim_token = $3 AND status = 'in_progress'`,
      [claim.principalId, claim.key, claim.claimToken],
    );
  }

  /**
   * One atomic upsert: a fresh key, an expired one (used afresh: a new `created_at`), or a takeover
   * of the same request whose lease ran out (which keeps the first claim's `created_at`).
   */
  private async tryClaim(principalId: string, key: string, requestHash: string, claimToken: string): Promise<Pick<IdempotencyClaim, 'claimedAt' | 'takenOver'> | undefined> {
    const now = this.clock.now();
    const [row]: { created_at: Date; taken_over: boolean }[] = await this.dataSource.query(
      `INSERT INTO idempotency_keys AS k (principal_id, key, request_hash, status, claim_token, locked_until, created_at, expires_at)
       VALUES ($1, $2, $3, 'in_progress', $4, $5, $6, $7)
       ON CONFLICT (principal_id, key) DO UPDATE
          SET request_hash = EXCLUDED.request_hash, status = 'in_progress', claim_token = EXCLUDED.claim_token,
              locked_until = EXCLUDED.locked_until, response_status = NULL, response_headers = NULL, response_body = NULL,
              created_at = CASE WHEN k.expires_at <= EXCLUDED.created_at THEN EXCLUDED.created_at ELSE k.created_at END,
              expires_at = EXCLUDED.expires_at
        WHERE k.expires_at <= EXCLUDED.created_at
           OR (k.status = 'in_progress' AND k.locked_until <= EXCLUDED.created_at AND k.request_hash = EXCLUDED.request_hash)
       RETURNING k.created_at, k.created_at <> $6 AS taken_over`,
      [principalId, key, requestHash, claimToken, new Date(now.getTime() + this.timing.leaseMs), now, new Date(now.getTime() + this.timing.retentionMs)],
    );
    return row === undefined ? undefined : { claimedAt: row.created_at, takenOver: row.taken_over };
  }
}

/** A body as a jsonb parameter; no body is SQL NULL (Nest answers `undefined` and `null` alike: empty). */
function toJsonParameter(body: unknown): string | null {
  return body === undefined || body === null ? null : JSON.stringify(body);
}
