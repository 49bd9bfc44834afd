import { applyDecorators, createParamDecorator, ExecutionContext, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { RequireRole } from '../../auth/auth.decorators';
import type { AuthenticatedRequest } from '../../auth/principal';
import type { Role } from '../../auth/roles';
import { ApiProblemResponse, parseIfMatch, requestContextOf, RespondsWithVersionETag } from '../../http';
import { Idempotent } from '../../idempotency/idempotent.decorator';
import { keyedWriteOf } from '../../idempotency/idempotent-event-id';
import { WriteContext } from './write-context';
import { WriteResponse } from './write.response';

/**
 * A story write route: `POST path`, 201 with `{ storyId, eventId, version, position }` and
 * `ETag: "<version>"`, `Idempotency-Key` honoured, allowed to `role` and the roles above it.
 */
export function StoryWrite(path: string, role: Extract<Role, 'reporter' | 'editor'>, summary: string): MethodDecorator {
  return applyDecorators(
    Post(path),
    HttpCode(HttpStatus.CREATED),
    RequireRole(role),
    Idempotent(),
    RespondsWithVersionETag(),
    ApiTags('writes'),
    ApiBearerAuth(),
    ApiHeader({ name: 'Idempotency-Key', required: false, description: 'a retry with the same key and body returns the first answer and appends nothing' }),
    ApiHeader({ name: 'If-Match', required: false, description: 'the story version ("7") the write expects; 412 with currentVersion otherwise' }),
    ApiHeader({ name: 'X-Correlation-Id', required: false, description: 'stored in the event metadata; generated when absent' }),
    ApiCreatedResponse({ type: WriteResponse, description: `${summary}. Header ETag: "<version>".` }),
    ApiProblemResponse(400, 'malformed JSON, unknown fields, wrong types or missing fields (errors name each field)'),
    ApiProblemResponse(401, 'no or bad key'),
    ApiProblemResponse(403, `the key's role may not ${summary.toLowerCase()}`),
    ApiProblemResponse(404, 'unknown story'),
    ApiProblemResponse(409, 'duplicate slug, concurrent write, or Idempotency-Key reused with a different body'),
    ApiProblemResponse(412, 'If-Match does not match the current version (currentVersion in the body)'),
    ApiProblemResponse(413, 'body over the limit'),
    ApiProblemResponse(422, 'well-formed but breaks a rule of the story (the code says which)'),
  );
}

/** The principal, request ids, `If-Match` version and (for a keyed request) event id of a write. */
export const StoryWriteContext = createParamDecorator((_data: unknown, context: ExecutionContext): WriteContext => {
  const request = context.switchToHttp().getRequest<Request & AuthenticatedRequest>();
  const { requestId, correlationId } = requestContextOf(request);
  if (!request.principal) throw new Error('A story write ran without an authenticated principal');
  return {
    principal: request.principal,
    requestId,
    correlationId,
    expectedVersion: parseIfMatch(request.headers['if-match']),
    keyed: keyedWriteOf(request),
  };
});
