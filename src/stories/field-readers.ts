import { invalidField } from './story.errors';

/**
 * Readers for the fields of a development's data. The HTTP layer validates request bodies, but a
 * correction's `changes` can only be checked once the target's type is known, so the domain reads
 * every report, statement and corrected result through these and never stores a wrongly shaped value.
 */

export type JsonObject = Record<string, unknown>;

export function isPlainObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function readObject(value: unknown, path: string): JsonObject {
  if (!isPlainObject(value)) throw invalidField(path, 'must be an object');
  return value;
}

export function refuseUnknownKeys(object: JsonObject, allowed: readonly string[], path: string): void {
  const unknown = Object.keys(object).find((key) => !allowed.includes(key));
  if (unknown !== undefined) throw invalidField(join(path, unknown), 'is not a known field');
}

export function readText(object: object, key: string, path: string): string {
  const value = (object as JsonObject)[key];
  if (typeof value !== 'string' || value.length === 0) throw invalidField(join(path, key), 'must be a non-empty string');
  return value;
}

export function readOptionalText(object: object, key: string, path: string): string | undefined {
  return (object as JsonObject)[key] === undefined ? undefined : readText(object, key, path);
}

export function readOneOf<Value extends string>(object: object, key: string, values: readonly Value[], path: string): Value {
  const value = (object as JsonObject)[key];
  if (typeof value !== 'string' || !(values as readonly string[]).includes(value)) {
    throw invalidField(join(path, key), `must be one of ${values.join(', ')}`);
  }
  return value as Value;
}

/** `prefix.key`, or just `key` at the top level. */
export function join(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`;
}

/**
 * A copy without the keys whose value is `undefined`, nested plain objects included: stored JSON
 * omits an absent optional field rather than carrying `undefined`.
 */
export function omitAbsent<Value extends object>(value: Value): Value {
  const copy: JsonObject = {};
  for (const [key, field] of Object.entries(value)) {
    if (field === undefined) continue;
    copy[key] = isPlainObject(field) ? omitAbsent(field) : field;
  }
  return copy as Value;
}
