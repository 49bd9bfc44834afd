import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import type { SchemaObject } from '@nestjs/swagger';
import { PROBLEM_CONTENT_TYPE, PROBLEM_TYPE_BASE } from '../problem-details/problem-details';

export const PROBLEM_SCHEMA_NAME = 'ProblemDetails';
export const PROBLEM_SCHEMA_REF = `#/components/schemas/${PROBLEM_SCHEMA_NAME}`;

/** The OpenAPI schema of every error body (RFC 9457 plus `code`, `requestId` and extension members). */
export const problemDetailsSchema: SchemaObject = {
  type: 'object',
  required: ['type', 'title', 'status', 'detail', 'code'],
  properties: {
    type: { type: 'string', format: 'uri', example: `${PROBLEM_TYPE_BASE}validation_failed`, description: `\`${PROBLEM_TYPE_BASE}<code>\`` },
    title: { type: 'string', example: 'Invalid request', description: 'Short and fixed for a given code.' },
    status: { type: 'integer', example: 400 },
    detail: { type: 'string', example: 'The request has an invalid field: figure.min.', description: 'What went wrong with this request, for people.' },
    code: { type: 'string', example: 'validation_failed', description: 'Stable, machine-readable reason (snake_case).' },
    requestId: { type: 'string', format: 'uuid', description: 'The `X-Request-Id` of the request, to find it in the logs.' },
    errors: {
      type: 'array',
      description: 'For invalid input: each bad field by its path (`figure.min`, `bylines.2`) or header (`If-Match`).',
      items: {
        type: 'object',
        required: ['field', 'message'],
        properties: { field: { type: 'string', example: 'figure.min' }, message: { type: 'string', example: 'must be an integer number' } },
      },
    },
    currentVersion: { type: 'integer', description: 'On 412 (and 409 for a concurrent write): the story version now stored.' },
  },
  additionalProperties: true,
};

/**
 * Documents an error answer of a route with the shared problem schema:
 * `@ApiProblemResponse(412, 'If-Match does not name the current version')`.
 */
export function ApiProblemResponse(status: number, description: string): MethodDecorator & ClassDecorator {
  return applyDecorators(ApiResponse({ status, description, content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: PROBLEM_SCHEMA_REF } } } }));
}
