import { isUtf8 } from 'node:buffer';
import express, { NextFunction, Request, RequestHandler, Response } from 'express';
import { HttpProblem } from '../problem-details/http-problem';
import { inspectJsonBody } from './json-body-inspection';

const JSON_MEDIA_TYPES = ['application/json', 'application/*+json'];
const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Reads JSON bodies, in this order:
 * 1. a write (POST, PUT, PATCH, DELETE) whose non-empty body is not JSON → 415, unread;
 * 2. over the limit → 413: at once from Content-Length, before any of the body is read (Node
 *    discards the rest), or as soon as a streamed or decompressed body passes the limit;
 * 3. not valid UTF-8 or not valid JSON → 400 `malformed_json`;
 * 4. what JSON allows but we refuse (see `inspectJsonBody`) → 400.
 * Any JSON value is accepted here; the validation pipe refuses a body that is not an object.
 */
export function jsonBodyMiddleware(limitBytes: number): RequestHandler[] {
  const parse = express.json({ limit: limitBytes, strict: false, type: JSON_MEDIA_TYPES, verify: refuseInvalidUtf8 });
  return [
    refuseUnreadableBodies(limitBytes),
    (request: Request, response: Response, next: NextFunction) => {
      try {
        parse(request, response, (error?: unknown) => next(error === undefined ? undefined : toBodyProblem(error, limitBytes)));
      } catch {
        // The charset lookup throws synchronously on a Content-Type it cannot parse.
        next(new HttpProblem(415, 'unsupported_media_type', 'The Content-Type header cannot be parsed.'));
      }
    },
    (request: Request, _response: Response, next: NextFunction) => next(inspectJsonBody(request.body)),
  ];
}

function refuseUnreadableBodies(limitBytes: number): RequestHandler {
  return (request: Request, _response: Response, next: NextFunction) => {
    const announcedLength = Number(request.headers['content-length'] ?? 0);
    const hasBody = request.headers['transfer-encoding'] !== undefined || announcedLength > 0;
    if (!hasBody) return next();
    if (WRITE_METHODS.has(request.method) && !request.is(JSON_MEDIA_TYPES)) {
      const given = request.headers['content-type'] ? `not ${request.headers['content-type'].slice(0, 100)}` : 'and none was given';
      return next(new HttpProblem(415, 'unsupported_media_type', `Request bodies must be JSON (Content-Type: application/json), ${given}.`));
    }
    if (announcedLength > limitBytes) return next(bodyTooLarge(limitBytes));
    next();
  };
}

function bodyTooLarge(limitBytes: number): HttpProblem {
  return new HttpProblem(413, 'body_too_large', `The request body is larger than the limit of ${limitBytes} bytes.`, { limitBytes });
}

function refuseInvalidUtf8(_request: unknown, _response: unknown, body: Buffer, encoding: string): void {
  if (encoding.toLowerCase() === 'utf-8' && !isUtf8(body)) {
    throw Object.assign(new Error('The request body is not valid UTF-8.'), { type: 'entity.invalid.utf8' });
  }
}

/** body-parser's errors (http-errors with a `type`) as problems; anything else goes on to the filter as it is. */
function toBodyProblem(error: unknown, limitBytes: number): unknown {
  const type = (error as { type?: unknown } | null)?.type;
  switch (type) {
    case 'entity.parse.failed':
      return new HttpProblem(400, 'malformed_json', `The request body is not valid JSON: ${String((error as Error).message).slice(0, 200)}`);
    case 'entity.invalid.utf8':
      return new HttpProblem(400, 'malformed_json', 'The request body is not valid UTF-8.');
    case 'entity.too.large':
      return bodyTooLarge(limitBytes);
    case 'charset.unsupported':
      return new HttpProblem(415, 'unsupported_media_type', 'JSON bodies must be encoded in UTF-8.');
    case 'encoding.unsupported':
      return new HttpProblem(415, 'unsupported_media_type', 'The Content-Encoding is not supported (use gzip, deflate or br, or none).');
    case 'request.size.invalid':
    case 'request.aborted':
      return new HttpProblem(400, 'incomplete_body', 'The request body ended before its announced length.');
  }
  // Anything else the reader refuses as the client's fault, e.g. gzip data that does not inflate.
  const status = (error as { status?: unknown } | null)?.status;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return new HttpProblem(400, 'unreadable_body', 'The request body could not be read; check its Content-Encoding.');
  }
  return error;
}
