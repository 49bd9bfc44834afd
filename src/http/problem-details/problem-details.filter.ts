import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { REQUEST_ID_HEADER } from '../request-context/request-context';
import { PROBLEM_CONTENT_TYPE, ProblemDetails, problemTitle, problemType } from './problem-details';
import { problemFromError } from './problem-from-error';

/**
 * The one place where errors become HTTP answers: every error, wherever it was thrown (a body
 * parser, a guard, a pipe, a handler, the router), leaves as `application/problem+json`.
 * Server faults are logged with their stack and described to the client in generic words only.
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemDetails');

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    const request = host.switchToHttp().getRequest<Request>();
    const response = host.switchToHttp().getResponse<Response>();
    const answer = problemFromError(exception);
    const requestId = response.getHeader(REQUEST_ID_HEADER);
    const where = `${request.method} ${request.originalUrl} (request ${String(requestId ?? '-')})`;
    if (answer.serverFault) {
      this.logger.error(`${where} failed: ${describe(exception)}`, exception instanceof Error ? exception.stack : undefined);
    } else if (answer.status >= 500) {
      this.logger.warn(`${where} answered ${answer.status} ${answer.code}: ${describe(exception)}`);
    }
    if (response.headersSent) {
      // A streamed answer (SSE) already went out: all that is left is to stop it.
      response.destroy();
      return;
    }
    const body: ProblemDetails = {
      type: problemType(answer.code),
      title: problemTitle(answer.code),
      status: answer.status,
      detail: answer.detail,
      code: answer.code,
      ...withoutStandardMembers(answer.extensions),
      ...(typeof requestId === 'string' ? { requestId } : {}),
    };
    if (answer.retryAfterSeconds !== undefined) response.setHeader('Retry-After', String(answer.retryAfterSeconds));
    response.status(answer.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(body));
  }
}

const STANDARD_MEMBERS = new Set(['type', 'title', 'status', 'detail', 'code', 'requestId']);

/** Extension members never overwrite the standard ones (a domain error's details are free-form). */
function withoutStandardMembers(extensions: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(extensions).filter(([name]) => !STANDARD_MEMBERS.has(name)));
}

function describe(exception: unknown): string {
  if (exception instanceof Error) return `${exception.name}: ${exception.message}`;
  try {
    return String(exception);
  } catch {
    return 'a value that cannot be printed';
  }
}
