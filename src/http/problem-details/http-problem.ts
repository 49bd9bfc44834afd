import { HttpException } from '@nestjs/common';
import { FieldError } from './problem-details';

/**
 * An error the HTTP layer itself answers (malformed JSON, a bad header, an invalid body …), already
 * shaped as a problem: a status, a stable `code`, a `detail` sentence and optional extension
 * members. Domain and application code throw `DomainError` instead.
 */
export class HttpProblem extends HttpException {
  constructor(
    status: number,
    readonly code: string,
    readonly detail: string,
    readonly extensions: { errors?: FieldError[]; [member: string]: unknown } = {},
  ) {
    super(detail, status);
  }
}

/** 400 naming each invalid field; `detail` summarises. */
export function invalidInput(errors: FieldError[], detail = summariseFieldErrors(errors)): HttpProblem {
  return new HttpProblem(400, 'validation_failed', detail, { errors });
}

/** 400 for a request header that is present but unusable, naming the header as the field. */
export function invalidHeader(header: string, message: string): HttpProblem {
  return new HttpProblem(400, 'invalid_header', `The ${header} header ${message}.`, { errors: [{ field: header, message }] });
}

function summariseFieldErrors(errors: FieldError[]): string {
  const fields = [...new Set(errors.map((error) => error.field))];
  const named = fields.slice(0, 5).join(', ') + (fields.length > 5 ? ` and ${fields.length - 5} more` : '');
  return fields.length === 1 ? `The request has an invalid field: ${named}.` : `The request has ${fields.length} invalid fields: ${named}.`;
}
