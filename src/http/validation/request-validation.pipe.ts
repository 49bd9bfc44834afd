import { ArgumentMetadata, Injectable, ValidationPipe } from '@nestjs/common';
import type { ValidationError } from 'class-validator';
import { HttpProblem, invalidInput } from '../problem-details/http-problem';
import { fieldErrorsOf } from './field-errors';

/**
 * The global pipe every request DTO goes through: unknown fields are refused (not silently
 * dropped), nested DTOs are validated, and values keep their JSON types — implicit conversion is
 * off, so `"33"` never becomes `33`. Query DTOs convert explicitly with `@Type(() => Number)`.
 * Failures answer 400 `validation_failed` with `errors: [{ field, message }]`.
 */
@Injectable()
export class RequestValidationPipe extends ValidationPipe {
  constructor() {
    super({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      transformOptions: { enableImplicitConversion: false },
      // The target and value of each error let `fieldErrorsOf` name the failing array elements.
      validationError: { target: true, value: true },
      exceptionFactory: (errors: ValidationError[]) => invalidInput(fieldErrorsOf(errors)),
    });
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    // No body at all is an empty object (a DTO of optional fields may accept it); a body that is
    // JSON but not an object — null, an array, a string, a number — is refused as a whole.
    const wholeBody = metadata.type === 'body' && metadata.data === undefined;
    if (wholeBody && this.toValidate(metadata) && value !== undefined && !isPlainObject(value)) {
      throw new HttpProblem(400, 'validation_failed', 'The request body must be a JSON object.', {
        errors: [{ field: '', message: `must be a JSON object, not ${jsonTypeOf(value)}` }],
      });
    }
    return super.transform(value, metadata);
  }
}

function isPlainObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function jsonTypeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return `a ${typeof value}`;
}
