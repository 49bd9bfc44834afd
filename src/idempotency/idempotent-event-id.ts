import type { Request } from 'express';
import { v5 as nameBasedUuid } from 'uuid';

/** The namespace of event ids derived from idempotency keys. Never change it: stored events carry ids derived with it. */
const EVENT_ID_NAMESPACE = '3f0c6a57-3c1e-4b7a-9d55-8f2f4f0e9b21';

/**
 * The id of the event a keyed write appends: a name-based UUID (version 5) of the principal, the
 * key and the request's fingerprint, so every run of the same keyed request appends under the
 * same id.
 *
 * Why: a keyed write's answer is stored after its append commits, in a statement of its own. A
 * process that dies between the two leaves the key claimed without an answer, and once the claim's
 * lease runs out a retry runs the request again. The write side looks this id up first and answers
 * with the event the first run appended, instead of appending the development a second time.
 */
export function idempotentEventId(principalId: string, key: string, fingerprint: string): string {
  // No header, key id or hex fingerprint holds a NUL, so it separates the three unambiguously.
  return nameBasedUuid(`${principalId}\u0000${key}\u0000${fingerprint}`, EVENT_ID_NAMESPACE);
}

const eventIds = new WeakMap<Request, string>();

/** Remembers the event id of a keyed request (done by the idempotency interceptor once it holds the key). */
export function attachIdempotentEventId(request: Request, eventId: string): void {
  eventIds.set(request, eventId);
}

/** The event id a keyed request must append with; `undefined` for a request without `Idempotency-Key`. */
export function idempotentEventIdOf(request: Request): string | undefined {
  return eventIds.get(request);
}
