import { HttpProblem, invalidInput } from '../problem-details/http-problem';
import { FieldError } from '../problem-details/problem-details';

/** Far deeper than any request DTO (a correction's `changes.figure.min` is 3 levels). */
export const MAX_JSON_DEPTH = 32;

/** Keys that could reach an object's prototype if some code ever merged a body into an object. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const MAX_REPORTED = 20;

/**
 * Checks a parsed body for what JSON allows but Newsdesk never accepts, walking it with its own
 * stack so no depth of nesting can overflow the call stack:
 * - nesting deeper than {@link MAX_JSON_DEPTH} (400 `body_too_deep`): later steps recurse;
 * - `__proto__`, `constructor`, `prototype` as keys (400 `validation_failed`, "is not allowed");
 * - strings with NUL or unpaired surrogates (400 `unsupported_character`): PostgreSQL's jsonb
 *   refuses both, and no text of a story needs them.
 * Returns the problem to answer, or undefined for an acceptable body.
 */
export function inspectJsonBody(body: unknown): HttpProblem | undefined {
  return inspectParsed(body, 'Text in the request body');
}

/**
 * The parsed query string (Express's `qs` gives strings, arrays and objects): the same checks, so a
 * NUL or an unpaired surrogate in a query parameter is a 400 naming it, never a database error.
 */
export function inspectQuery(query: unknown): HttpProblem | undefined {
  return inspectParsed(query, 'Query parameters');
}

function inspectParsed(body: unknown, subject: string): HttpProblem | undefined {
  const forbiddenKeys: FieldError[] = [];
  const badStrings: FieldError[] = [];
  const stack: Array<{ value: unknown; path: string; depth: number }> = [{ value: body, path: '', depth: 0 }];
  while (stack.length > 0) {
    const { value, path, depth } = stack.pop()!;
    if (typeof value === 'string') {
      if (!isStorableText(value) && badStrings.length < MAX_REPORTED) badStrings.push({ field: path, message: 'contains a NUL character or an unpaired surrogate' });
      continue;
    }
    if (typeof value !== 'object' || value === null) continue;
    if (depth >= MAX_JSON_DEPTH) {
      // Only a body can be this deep: Express's query parser stops at 5 levels.
      return new HttpProblem(400, 'body_too_deep', `The request body is nested more than ${MAX_JSON_DEPTH} levels deep.`, {
        errors: [{ field: path, message: `is nested more than ${MAX_JSON_DEPTH} levels deep` }],
      });
    }
    for (const [key, child] of Object.entries(value)) {
      const childPath = path ? `${path}.${key}` : key;
      if (FORBIDDEN_KEYS.has(key) && forbiddenKeys.length < MAX_REPORTED) forbiddenKeys.push({ field: childPath, message: 'is not allowed' });
      if (!isStorableText(key) && badStrings.length < MAX_REPORTED) badStrings.push({ field: childPath, message: 'the key contains a NUL character or an unpaired surrogate' });
      stack.push({ value: child, path: childPath, depth: depth + 1 });
    }
  }
  if (forbiddenKeys.length > 0) return invalidInput(forbiddenKeys);
  if (badStrings.length > 0) {
    return new HttpProblem(400, 'unsupported_character', `${subject} may not contain NUL characters or unpaired surrogates.`, { errors: badStrings });
  }
  return undefined;
}

/** A NUL, a high surrogate not followed by a low one, or a low one not preceded by a high one. */
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function isStorableText(text: string): boolean {
  return !UNSTORABLE.test(text);
}
