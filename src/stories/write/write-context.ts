import type { Principal } from '../../auth/principal';

/** Who writes, in answer to which request, and (from `If-Match`) on which version. */
export interface WriteContext {
  principal: Principal;
  requestId: string;
  correlationId: string;
  /** The story version the client expects; undefined = no precondition. */
  expectedVersion?: number;
  /**
   * The id the appended event must have, derived from the request's `Idempotency-Key`; undefined =
   * a fresh one. A write whose event with this id is already stored answers with that event.
   */
  eventId?: string;
}

/** What every write answers (API.md "Writes"). */
export interface WriteResult {
  storyId: string;
  eventId: string;
  /** The story's stream version after the write. */
  version: number;
  /** The event's global position: pass it as `minPosition` to read your own write. */
  position: number;
}
