import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';

export const REQUEST_ID_HEADER = 'X-Request-Id';
export const CORRELATION_ID_HEADER = 'X-Correlation-Id';

/** Who asked, for the event metadata: this request's id and the conversation it belongs to. */
export interface RequestContext {
  /** A UUID naming this one request; echoed as `X-Request-Id`. */
  requestId: string;
  /** The client's `X-Correlation-Id`, or a generated UUID; echoed on the response. */
  correlationId: string;
}

/**
 * Parameter decorator giving the request's {@link RequestContext}, for the event metadata a
 * handler writes: `open(@Body() body: OpenStoryRequest, @RequestContext() context: RequestContext)`.
 */
export const RequestContext = createParamDecorator((_data: unknown, context: ExecutionContext) =>
  requestContextOf(context.switchToHttp().getRequest<Request>()),
);

const contexts = new WeakMap<Request, RequestContext>();

/** Remembers the context of a request (done once, by the request-context middleware). */
export function attachRequestContext(request: Request, context: RequestContext): void {
  contexts.set(request, context);
}

/** The context the middleware attached; every request that reached a handler has one. */
export function requestContextOf(request: Request): RequestContext {
  const context = contexts.get(request);
  if (!context) throw new Error('No request context: the request-context middleware is not installed (build the app with createApp)');
  return context;
}
