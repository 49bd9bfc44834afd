import { createHash } from 'node:crypto';

/**
 * JSON with object keys sorted at every depth, so two bodies that differ only in key order (which
 * no JSON reader can tell apart) fingerprint the same.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) => {
    if (item === null || typeof item !== 'object' || Array.isArray(item)) return item;
    const source = item as Record<string, unknown>;
    return Object.fromEntries(Object.keys(source).sort().map((key) => [key, source[key]]));
  });
}

/** SHA-256 (hex) of what makes a write request the same request: method, path with query, and body. */
export function requestFingerprint(request: { method: string; path: string; body: unknown }): string {
  const canonical = JSON.stringify([request.method.toUpperCase(), request.path, canonicalJson(request.body ?? null)]);
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}
