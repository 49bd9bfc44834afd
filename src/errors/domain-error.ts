/**
 * How an error reads to a client. The one global problem-details filter maps each kind to an HTTP
 * status; domain and application code never throw HTTP exceptions themselves.
 */
export type ErrorKind =
  | 'invalid_input' // 400
  | 'not_found' // 404
  | 'conflict' // 409
  | 'precondition_failed' // 412
  | 'rule_violated' // 422
  | 'unavailable'; // 503

/**
 * An error the application expects and explains: a stable machine `code` (snake_case, e.g.
 * `figure_min_above_max`), a sentence for people, and optional details that go into the problem
 * body as extension members (e.g. `{ currentVersion: 7 }`, `{ retryAfterSeconds: 1 }`).
 */
export class DomainError extends Error {
  override readonly name: string = 'DomainError';

  constructor(
    readonly code: string,
    message: string,
    readonly kind: ErrorKind,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}
