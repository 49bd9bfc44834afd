import { DomainError } from '../errors/domain-error';

export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';
/** Set on a response that repeats a stored one instead of running the request again. */
export const IDEMPOTENT_REPLAYED_HEADER = 'Idempotent-Replayed';

const VALID_KEY = /^[\x20-\x7e]{1,200}$/;

/**
 * The request's `Idempotency-Key`, or `undefined` when it has none.
 * @throws DomainError `invalid_idempotency_key` (400) unless it is 1-200 printable ASCII characters
 */
export function readIdempotencyKey(value: string | string[] | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string' && VALID_KEY.test(value)) return value;
  throw new DomainError(
    'invalid_idempotency_key',
    `The ${IDEMPOTENCY_KEY_HEADER} header must be 1 to 200 printable ASCII characters, sent once.`,
    'invalid_input',
    { header: IDEMPOTENCY_KEY_HEADER },
  );
}
