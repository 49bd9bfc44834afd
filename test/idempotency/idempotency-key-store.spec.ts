import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { DomainError } from '../../src/errors/domain-error';
import { ClaimOutcome, IdempotencyClaim, IdempotencyKeyStore } from '../../src/idempotency/idempotency-key.store';
import { requestFingerprint } from '../../src/idempotency/request-fingerprint';
import { randomIdGenerator } from '../../src/system/id-generator';
import { openTestDataSource } from '../support/test-database';

describe('IdempotencyKeyStore', () => {
  let db: DataSource;
  let now: Date;
  let store: IdempotencyKeyStore;
  const hour = 3_600_000;
  const clock = { now: () => now };
  const requestA = requestFingerprint({ method: 'POST', path: '/stories', body: { slug: 'a' } });
  const requestB = requestFingerprint({ method: 'POST', path: '/stories', body: { slug: 'b' } });

  beforeAll(async () => {
    db = await openTestDataSource(2);
  });
  afterAll(() => db.destroy());
  beforeEach(() => {
    now = new Date('2026-03-01T12:00:00Z');
    store = new IdempotencyKeyStore(db, clock, randomIdGenerator, { retentionMs: 24 * hour, leaseMs: 60_000, waitMs: 200, pollMs: 20 });
  });

  function claimOf(outcome: ClaimOutcome): IdempotencyClaim {
    if (outcome.kind !== 'claimed') throw new Error(`expected a claim, got ${JSON.stringify(outcome)}`);
    return outcome.claim;
  }

  async function codeOf(promise: Promise<unknown>): Promise<string | undefined> {
    try {
      await promise;
      return undefined;
    } catch (error) {
      expect(error).toBeInstanceOf(DomainError);
      return (error as DomainError).code;
    }
  }

  it('stores a completed answer and replays it for the same request only', async () => {
    const principal = randomUUID();
    const claim = claimOf(await store.claim(principal, 'k', requestA));
    expect(await store.complete(claim, { status: 201, headers: { etag: '"1"' }, body: { version: 1 } })).toBe(true);

    expect(await store.claim(principal, 'k', requestA)).toEqual({ kind: 'replay', response: { status: 201, headers: { etag: '"1"' }, body: { version: 1 } } });
    expect(await codeOf(store.claim(principal, 'k', requestB))).toBe('idempotency_key_reused');
  });

  it('lets a key be used for a new request once it has expired (24 h retention)', async () => {
    const principal = randomUUID();
    const first = claimOf(await store.claim(principal, 'k', requestA));
    await store.complete(first, { status: 201, headers: {}, body: { version: 1 } });

    now = new Date(now.getTime() + 23 * hour);
    expect(await codeOf(store.claim(principal, 'k', requestB))).toBe('idempotency_key_reused');
    now = new Date(now.getTime() + 1 * hour);
    expect((await store.claim(principal, 'k', requestB)).kind).toBe('claimed');
  });

  it('answers 409 in_progress when the first request is still running after the wait', async () => {
    const principal = randomUUID();
    expect((await store.claim(principal, 'k', requestA)).kind).toBe('claimed');
    expect(await codeOf(store.claim(principal, 'k', requestA))).toBe('idempotency_key_in_progress');
    expect(await codeOf(store.claim(principal, 'k', requestB))).toBe('idempotency_key_reused');
  });

  it('lets a retry of the same request take over a claim whose holder vanished (lease expired)', async () => {
    const principal = randomUUID();
    const vanished = claimOf(await store.claim(principal, 'k', requestA));
    now = new Date(now.getTime() + 61_000);
    expect(await codeOf(store.claim(principal, 'k', requestB))).toBe('idempotency_key_reused');
    const takeover = claimOf(await store.claim(principal, 'k', requestA));

    // The late first holder can no longer overwrite what the new holder stores.
    expect(await store.complete(vanished, { status: 201, headers: {}, body: { late: true } })).toBe(false);
    expect(await store.complete(takeover, { status: 201, headers: {}, body: { version: 2 } })).toBe(true);
    expect(await store.claim(principal, 'k', requestA)).toMatchObject({ kind: 'replay', response: { body: { version: 2 } } });
  });

  it('tells a takeover from a fresh claim: a takeover keeps the first claim\'s time, a key used afresh after it expired gets a new one', async () => {
    const principal = randomUUID();
    const claimedAt = now;
    const first = claimOf(await store.claim(principal, 'k', requestA));
    expect(first).toMatchObject({ claimedAt, takenOver: false });

    now = new Date(now.getTime() + 61_000);
    const takeover = claimOf(await store.claim(principal, 'k', requestA));
    expect(takeover).toMatchObject({ claimedAt, takenOver: true });
    await store.complete(takeover, { status: 201, headers: {}, body: { version: 1 } });

    now = new Date(claimedAt.getTime() + 25 * hour);
    expect(claimOf(await store.claim(principal, 'k', requestA))).toMatchObject({ claimedAt: now, takenOver: false });
  });

  it('a released claim frees the key for the next attempt', async () => {
    const principal = randomUUID();
    await store.release(claimOf(await store.claim(principal, 'k', requestA)));
    const rows = await db.query('SELECT count(*)::integer AS n FROM idempotency_keys WHERE principal_id = $1', [principal]);
    expect(rows).toEqual([{ n: 0 }]);
    expect((await store.claim(principal, 'k', requestB)).kind).toBe('claimed');
  });
});
