import type { KeyedWrite } from '../../idempotency/idempotent-event-id';
import type { Principal } from '../../auth/principal';

/** Who writes, in answer to which request, and (from `If-Match`) on which version. */
export interface WriteContext {
  principal: Principal;
  requestId: string;
  correlationId: string;
  /** The story version the client expects; undefined = no precondition. */
  expectedVersion?: number;
  /**
   * For a request with `Idempotency-Key`: the id the appended event must have (else a fresh one),
   * and whether an earlier run of the request may have stored it already, in which case the write
   * answers with that event.
   */
  keyed?: KeyedWrite;
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
