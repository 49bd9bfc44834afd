import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { IdGenerator } from '../../system/id-generator';
import { invalidHeader } from '../problem-details/http-problem';
import { attachRequestContext, CORRELATION_ID_HEADER, REQUEST_ID_HEADER } from './request-context';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_CORRELATION_ID_LENGTH = 200;
const PRINTABLE_ASCII = /^[\x20-\x7e]+$/;

/**
 * Gives every request a request id and a correlation id before anything else runs, so even a
 * request refused for its body answers with `X-Request-Id`.
 *
 * - `X-Request-Id`: an incoming UUID (from a proxy that already logged it) is kept; anything else
 *   is replaced by a fresh UUID rather than refused, since the id is the service's own.
 * - `X-Correlation-Id`: the client's, 1–200 printable ASCII characters, or 400 naming the header;
 *   a fresh UUID when absent. Both are echoed on the response.
 */
export function requestContextMiddleware(ids: IdGenerator): RequestHandler {
  return (request: Request, response: Response, next: NextFunction) => {
    const incomingRequestId = request.header(REQUEST_ID_HEADER);
    const requestId = incomingRequestId && UUID.test(incomingRequestId) ? incomingRequestId.toLowerCase() : ids.uuid();
    response.setHeader(REQUEST_ID_HEADER, requestId);

    const incomingCorrelationId = request.header(CORRELATION_ID_HEADER);
    if (incomingCorrelationId !== undefined && !isUsableCorrelationId(incomingCorrelationId)) {
      next(invalidHeader(CORRELATION_ID_HEADER, `must be 1 to ${MAX_CORRELATION_ID_LENGTH} printable ASCII characters`));
      return;
    }
    const correlationId = incomingCorrelationId ?? ids.uuid();
    response.setHeader(CORRELATION_ID_HEADER, correlationId);
    attachRequestContext(request, { requestId, correlationId });
    next();
  };
}

function isUsableCorrelationId(value: string): boolean {
  return value.length <= MAX_CORRELATION_ID_LENGTH && PRINTABLE_ASCII.test(value);
}
