import { JsonObject, isPlainObject } from './field-readers';

/**
 * The merge a correction means: each top-level key of `changes` replaces the target's value whole
 * (a `figure` or `source` is never merged field by field), and `null` removes an optional field.
 * Projections apply corrections with this same function so they never disagree with the domain.
 */
export function applyCorrection<Data extends object>(data: Data, changes: object): Data {
  const merged: JsonObject = { ...(data as JsonObject) };
  for (const [key, value] of Object.entries(changes)) {
    if (value === null) delete merged[key];
    else if (value !== undefined) merged[key] = value;
  }
  return merged as Data;
}

/** What a correction really changes, and the values those keys held before it. */
export interface EffectiveChanges {
  changes: JsonObject;
  before: JsonObject;
}

/**
 * Keeps the keys of `changes` whose value differs from `current` (an absent field and `null` are
 * the same), so the stored correction and its `before` say exactly what changed. `before` uses
 * `null` for a field that was absent: stored JSON has no `undefined`.
 */
export function effectiveChanges(current: object, changes: JsonObject): EffectiveChanges {
  const currentValues = current as JsonObject;
  const effective: EffectiveChanges = { changes: {}, before: {} };
  for (const [key, value] of Object.entries(changes)) {
    const was = currentValues[key] ?? null;
    if (sameJsonValue(was, value ?? null)) continue;
    effective.changes[key] = value;
    effective.before[key] = was;
  }
  return effective;
}

/** Deep equality of JSON values, blind to key order. */
export function sameJsonValue(left: unknown, right: unknown): boolean {
  if (left === right) return true;
  if (Array.isArray(left) && Array.isArray(right)) {
    return left.length === right.length && left.every((item, index) => sameJsonValue(item, right[index]));
  }
  if (isPlainObject(left) && isPlainObject(right)) {
    const keys = Object.keys(left).filter((key) => left[key] !== undefined);
    const otherKeys = Object.keys(right).filter((key) => right[key] !== undefined);
    return keys.length === otherKeys.length && keys.every((key) => sameJsonValue(left[key], right[key]));
  }
  return false;
}
