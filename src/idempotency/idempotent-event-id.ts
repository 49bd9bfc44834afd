import type { Request } from 'express';
import { v5 as nameBasedUuid } from 'uuid';

/** The namespace of event ids derived from idempotency keys. Never change it: stored events carry ids derived with it. */
const EVENT_ID_NAMESPACE = '3f0c6a57-3c1e-4b7a-9d55-8f2f4f0e9b21';

/** What a keyed write must know to append: the event id, and whether an earlier run of the request may have stored it already. */
export interface KeyedWrite {
  eventId: string;
  /** The claim was taken over from a run that vanished: look the event up before deciding. */
  mayBeStored: boolean;
}

/**
 * The id of the event a keyed write appends: a name-based UUID (version 5) of the principal, the
 * key, the request's fingerprint and when the key was claimed for it, so every run of the same
 * claimed request appends under the same id, and a key used afresh once it expired gets a new one.
 *
 * Why: a keyed write's answer is stored after its append commits, in a statement of its own. A
 * process that dies between the two leaves the key claimed without an answer, and once the claim's
 * lease runs out a retry takes it over and runs the request again. That run looks this id up first
 * and answers with the event the first run appended, instead of appending the development a second time.
 */
export function idempotentEventId(principalId: string, key: string, fingerprint: string, claimedAt: Date): string {
  // No header, key id, hex fingerprint or ISO time holds a NUL, so it separates the parts unambiguously.
  return nameBasedUuid(`${principalId}\u0000${key}\u0000${fingerprint}\u0000${claimedAt.toISOString()}`, EVENT_ID_NAMESPACE);
}

const keyedWrites = new WeakMap<Request, KeyedWrite>();

/** Remembers what a keyed request must append with (done by the idempotency interceptor once it holds the key). */
export function attachKeyedWrite(request: Request, write: KeyedWrite): void {
  keyedWrites.set(request, write);
}

/** What a keyed request must append with; `undefined` for a request without `Idempotency-Key`. */
export function keyedWriteOf(request: Request): KeyedWrite | undefined {
  return keyedWrites.get(request);
}
