import { createHash } from 'node:crypto';
import type { Client } from 'pg';

/**
 * Advisory lock classes (the first key of PostgreSQL's two-key form). The event store's single-key
 * ordering lock lives in another key space, so these can never collide with it.
 */
export const LOCK_CLASS = {
  /** Held, per projection, by the one instance applying it. */
  applier: 4_712_001,
  /** Held, per projection, while a rebuild runs. */
  rebuild: 4_712_002,
} as const;

/** A stable 32-bit key for a projection name (the same in every process and Node version). */
export function projectionLockKey(name: string): number {
  return createHash('sha256').update(name).digest().readInt32BE(0);
}

/** Takes the projection's session advisory lock of `lockClass` on `client`, if nobody holds it. */
export async function tryProjectionLock(client: Client, lockClass: number, name: string): Promise<boolean> {
  const { rows } = await client.query<{ taken: boolean }>('SELECT pg_try_advisory_lock($1, $2) AS taken', [lockClass, projectionLockKey(name)]);
  return rows[0].taken;
}
