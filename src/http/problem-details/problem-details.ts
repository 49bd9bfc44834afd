import { STATUS_CODES } from 'node:http';

/** Media type of every error answer (RFC 9457). */
export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/**
 * Base of every problem `type`: the type of code `figure_min_above_max` is
 * `https://newsdesk.dev/problems/figure_min_above_max`. Clients match on `code` or `type`; both are
 * stable, so neither changes when a `detail` sentence is reworded.
 */
export const PROBLEM_TYPE_BASE = 'https://newsdesk.dev/problems/';

/** One invalid input named by its path: `figure.min`, `bylines.2`, `extra`, or a header such as `If-Match`. */
export interface FieldError {
  field: string;
  message: string;
}

/**
 * The body of every error answer: RFC 9457 members, plus `code` (the machine-readable reason),
 * `requestId` (to find the request in the logs) and extension members such as `errors` or
 * `currentVersion`.
 */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  requestId?: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

/** The stable `type` URI of a problem code. */
export function problemType(code: string): string {
  return `${PROBLEM_TYPE_BASE}${code}`;
}

const TITLES: Record<string, string> = {
  malformed_json: 'Malformed JSON',
  validation_failed: 'Invalid request',
  invalid_header: 'Invalid header',
  body_too_large: 'Request body too large',
  body_too_deep: 'Request body nested too deeply',
  unsupported_media_type: 'Unsupported media type',
  unsupported_character: 'Unsupported character',
  rate_limited: 'Too many requests',
  route_not_found: 'No such route',
  wrong_expected_version: 'Concurrent write',
  event_id_conflict: 'Event id conflict',
  database_unavailable: 'Database unavailable',
  internal_error: 'Internal server error',
};

/**
 * The short title of a code. RFC 9457 wants one title per type, so the title follows the code:
 * a known one reads as written above, any other is the code in words (`figure_min_above_max` →
 * "Figure min above max").
 */
export function problemTitle(code: string): string {
  const known = TITLES[code];
  if (known) return known;
  const words = code.replace(/_/g, ' ').trim();
  return words ? words[0].toUpperCase() + words.slice(1) : 'Error';
}

/** `method_not_allowed` for 405: the code of an HTTP status that has no more specific one. */
export function statusCode(status: number): string {
  const phrase = STATUS_CODES[status] ?? `http ${status}`;
  return phrase.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_|_$/g, '');
}
