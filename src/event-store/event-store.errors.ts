import { ExpectedVersion } from './event-store.types';

/** The stream was not at the version the writer expected: someone else wrote first. */
export class WrongExpectedVersionError extends Error {
  override readonly name = 'WrongExpectedVersionError';
  readonly code = 'wrong_expected_version';

  constructor(
    readonly streamId: string,
    readonly expectedVersion: ExpectedVersion,
    readonly actualVersion: number,
  ) {
    super(`Stream ${streamId} is at version ${actualVersion}, expected ${String(expectedVersion)}`);
  }
}

/** An event id that is already stored was sent again with other content, stream or order. */
export class EventIdConflictError extends Error {
  override readonly name = 'EventIdConflictError';
  readonly code = 'event_id_conflict';

  constructor(readonly streamId: string) {
    super(`Event ids sent to stream ${streamId} are already stored with other content, stream or order`);
  }
}

/** The append itself is malformed (no events, a bad id, a bad expected version). */
export class InvalidAppendError extends Error {
  override readonly name = 'InvalidAppendError';
  readonly code = 'invalid_append';
}

/** No upcaster is registered to bring a stored event up to its type's current schema. */
export class MissingUpcasterError extends Error {
  override readonly name = 'MissingUpcasterError';
  readonly code = 'missing_upcaster';

  constructor(type: string, fromVersion: number) {
    super(`No upcaster for ${type} from schema version ${fromVersion}`);
  }
}

/** PostgreSQL's SQLSTATE and DETAIL of a failed query, whether TypeORM wrapped the driver's error or not. */
export function sqlErrorOf(error: unknown): { code?: string; detail?: string } {
  return (error as { driverError?: { code?: string; detail?: string } }).driverError ?? (error as { code?: string; detail?: string });
}
