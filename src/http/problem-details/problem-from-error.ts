import { HttpException } from '@nestjs/common';
import { DomainError, ErrorKind } from '../../errors/domain-error';
import { EventIdConflictError, WrongExpectedVersionError } from '../../event-store/event-store.errors';
import { isDatabaseUnavailable } from './database-unavailable';
import { HttpProblem } from './http-problem';
import { FieldError, statusCode } from './problem-details';

/** What the filter answers for an error, before the request's own members (`requestId`) are added. */
export interface ProblemAnswer {
  status: number;
  code: string;
  detail: string;
  /** Extension members of the body (`errors`, `currentVersion` …). */
  extensions: Record<string, unknown>;
  /** Sent as `Retry-After` when set. */
  retryAfterSeconds?: number;
  /** A server fault: logged with its stack, never described to the client. */
  serverFault?: boolean;
}

export const STATUS_OF_KIND: Record<ErrorKind, number> = {
  invalid_input: 400,
  not_found: 404,
  conflict: 409,
  precondition_failed: 412,
  rule_violated: 422,
  unavailable: 503,
};

/** Codes for Nest's own HTTP exceptions (thrown by guards, the router, the rate limiter …). */
const CODE_OF_STATUS: Record<number, string> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  413: 'body_too_large',
  415: 'unsupported_media_type',
  429: 'rate_limited',
};

const SNAKE_CASE_CODE = /^[a-z][a-z0-9_]{0,99}$/;

/** Maps anything thrown while serving a request to the problem the client gets. */
export function problemFromError(error: unknown): ProblemAnswer {
  if (error instanceof HttpProblem) {
    const { retryAfterSeconds } = error.extensions;
    return {
      status: error.getStatus(),
      code: error.code,
      detail: error.detail,
      extensions: error.extensions,
      retryAfterSeconds: typeof retryAfterSeconds === 'number' ? retryAfterSeconds : undefined,
    };
  }
  if (error instanceof DomainError) return fromDomainError(error);
  if (error instanceof WrongExpectedVersionError) {
    return {
      status: 409,
      code: error.code,
      detail: `Another write reached this story first: it is now at version ${error.actualVersion}. Read it again and retry.`,
      extensions: { currentVersion: error.actualVersion },
    };
  }
  if (error instanceof EventIdConflictError) {
    return { status: 409, code: error.code, detail: 'These event ids are already stored with other content.', extensions: {} };
  }
  if (error instanceof HttpException) return fromHttpException(error);
  if (isDatabaseUnavailable(error)) {
    return { status: 503, code: 'database_unavailable', detail: 'The database is unavailable; retry shortly.', extensions: {}, retryAfterSeconds: 1 };
  }
  return internalError();
}

function fromDomainError(error: DomainError): ProblemAnswer {
  const status = STATUS_OF_KIND[error.kind];
  if (status === undefined) return internalError();
  const retryAfter = error.details.retryAfterSeconds;
  return {
    status,
    code: error.code,
    detail: error.message,
    extensions: { ...error.details },
    retryAfterSeconds: typeof retryAfter === 'number' && retryAfter >= 0 ? Math.ceil(retryAfter) : undefined,
  };
}

/**
 * Nest exceptions keep their status. A guard may give a code and field errors of its own:
 * `new ForbiddenException({ code: 'role_not_allowed', message: '…' })`.
 */
function fromHttpException(error: HttpException): ProblemAnswer {
  const status = error.getStatus();
  if (status >= 500) return { ...internalError(), status, code: statusCode(status), serverFault: true };
  const response = error.getResponse();
  const body = typeof response === 'object' && response !== null ? (response as Record<string, unknown>) : {};
  const message = Array.isArray(body.message) ? body.message.join('; ') : typeof body.message === 'string' ? body.message : error.message;
  const unknownRoute = status === 404 && /^Cannot [A-Z]+ /.test(message);
  const code = typeof body.code === 'string' && SNAKE_CASE_CODE.test(body.code) ? body.code : unknownRoute ? 'route_not_found' : (CODE_OF_STATUS[status] ?? statusCode(status));
  const errors = fieldErrors(body.errors);
  return {
    status,
    code,
    detail: unknownRoute ? `No route answers ${message.slice('Cannot '.length)}.` : message,
    extensions: errors ? { errors } : {},
  };
}

function fieldErrors(value: unknown): FieldError[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const valid = value.filter((item): item is FieldError => typeof item?.field === 'string' && typeof item?.message === 'string');
  return valid.length > 0 ? valid.map(({ field, message }) => ({ field, message })) : undefined;
}

function internalError(): ProblemAnswer {
  return { status: 500, code: 'internal_error', detail: 'The server failed to answer this request; it has been logged.', extensions: {}, serverFault: true };
}
