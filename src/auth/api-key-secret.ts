import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** Every generated secret starts with this, so a leaked one is easy to recognise (and to scan for). */
export const API_KEY_SECRET_PREFIX = 'nd_';

const SECRET_BYTES = 32;

/** A new secret: the prefix and 32 random bytes in base64url (256 bits of entropy). */
export function generateApiKeySecret(): string {
  return API_KEY_SECRET_PREFIX + randomBytes(SECRET_BYTES).toString('base64url');
}

/**
 * The SHA-256 of a secret, hex-encoded; this is all the database keeps. A slow password KDF
 * (bcrypt, argon2) protects guessable human passwords; a generated 256-bit secret cannot be guessed,
 * so one fast hash is enough to make a stolen table useless, and it lets a lookup use an index
 * instead of trying every row. Bootstrap secrets come from operators and must be long (see config).
 */
export function hashApiKeySecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** Compares two hex hashes in constant time. */
export function sameHash(a: string, b: string): boolean {
  const left = Buffer.from(a, 'hex');
  const right = Buffer.from(b, 'hex');
  return left.length === right.length && timingSafeEqual(left, right);
}
