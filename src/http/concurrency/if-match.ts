import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { invalidHeader } from '../problem-details/http-problem';

export const IF_MATCH_HEADER = 'If-Match';

/** `"7"` or `W/"7"`: one entity tag holding a stream version (digits, no leading zeros). */
const VERSION_TAG = /^(?:W\/)?"(0|[1-9][0-9]{0,15})"$/;

/**
 * Reads `If-Match` as the story version the client expects to write on.
 *
 * - absent → `undefined`: no concurrency check.
 * - `"7"` or `W/"7"` → `7`; the write then answers 412 with `currentVersion` unless the story is
 *   at version 7 (weak tags are accepted because our tags name versions, not bytes).
 * - `*` → `undefined`. RFC 9110 reads `*` as "the resource must exist"; every write carrying
 *   `If-Match` targets `/stories/:id/…`, which already answers 404 for an unknown story, so `*`
 *   asks for nothing more.
 * - anything else (a list, an unquoted or non-numeric tag) → 400 naming the header
 *   (`errors: [{ field: 'If-Match', … }]`): a client that sent a precondition must not have it
 *   silently ignored.
 */
export function parseIfMatch(header: string | string[] | undefined): number | undefined {
  if (header === undefined) return undefined;
  const value = (Array.isArray(header) ? header.join(', ') : header).trim();
  if (value === '*') return undefined;
  const match = VERSION_TAG.exec(value);
  const version = match ? Number(match[1]) : NaN;
  if (!Number.isSafeInteger(version)) {
    throw invalidHeader(IF_MATCH_HEADER, 'must be one quoted story version such as "7" (or *)');
  }
  return version;
}

/**
 * Parameter decorator giving {@link parseIfMatch} of the request's `If-Match`:
 * `revise(@IfMatchVersion() expectedVersion: number | undefined)`.
 */
export const IfMatchVersion = createParamDecorator((_data: unknown, context: ExecutionContext) =>
  parseIfMatch(context.switchToHttp().getRequest<Request>().headers['if-match']),
);
