import type { ValidationError } from 'class-validator';
import { FieldError } from '../problem-details/problem-details';
import { failingArrayElements } from './failing-array-elements';

/** Enough to fix a request; a body with thousands of bad fields does not get a thousand-line answer. */
export const MAX_FIELD_ERRORS = 100;

const UNKNOWN_FIELD = 'whitelistValidation';
const NESTED = 'nestedValidation';

/**
 * Flattens class-validator's error tree into one `{ field, message }` per field and broken rule,
 * each field named by its full dotted path (`figure.min`, `source.name`, `bylines.2`). Unknown
 * fields read "is not allowed"; messages drop the leading property name that class-validator puts
 * in (`min must be an integer number` → `must be an integer number`) since `field` names it.
 */
export function fieldErrorsOf(errors: ValidationError[], parentPath = ''): FieldError[] {
  const result: FieldError[] = [];
  for (const error of errors) {
    const path = parentPath ? `${parentPath}.${error.property}` : error.property;
    const constraints = Object.entries(error.constraints ?? {});
    // "nested property x must be either object or array" adds nothing when another rule on x failed.
    const relevant = constraints.length > 1 ? constraints.filter(([name]) => name !== NESTED) : constraints;
    for (const [constraint, message] of relevant) {
      if (constraint === UNKNOWN_FIELD) {
        result.push({ field: path, message: 'is not allowed' });
        continue;
      }
      const text = withoutSubject(message, error.property);
      const elements = failingArrayElements(error.target, error.property, constraint, error.value);
      if (elements) result.push(...elements.map((index) => ({ field: `${path}.${index}`, message: text })));
      else result.push({ field: path, message: text });
    }
    result.push(...fieldErrorsOf(error.children ?? [], path));
    if (result.length >= MAX_FIELD_ERRORS) break;
  }
  return result.slice(0, MAX_FIELD_ERRORS);
}

function withoutSubject(message: string, property: string): string {
  for (const subject of [`each value in nested property ${property} `, `each value in ${property} `, `nested property ${property} `, `${property} `]) {
    if (message.startsWith(subject)) return message.slice(subject.length);
  }
  return message;
}
