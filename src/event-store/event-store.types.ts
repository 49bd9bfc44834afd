/** Who caused an event and in answer to what. Stored with every event. */
export interface EventMetadata {
  actorId: string;
  actorRole: string;
  requestId: string;
  correlationId: string;
  causationId: string | null;
}

/** An event about to be appended. `schemaVersion` defaults to the type's current version. */
export interface NewEvent<Data extends object = Record<string, unknown>> {
  eventId: string;
  type: string;
  schemaVersion?: number;
  data: Data;
  metadata: EventMetadata;
}

/** An event as stored, its data upcast to the current schema of its type. */
export interface StoredEvent<Data extends object = Record<string, unknown>> {
  /** Global position: an integer that only grows in feed order. */
  position: number;
  streamId: string;
  /** 1, 2, 3 … within the stream. */
  version: number;
  eventId: string;
  type: string;
  schemaVersion: number;
  data: Data;
  metadata: EventMetadata;
  recordedAt: Date;
}

/** The highest stream version there can be: `events.stream_version` is an `integer` column. */
export const MAX_STREAM_VERSION = 2_147_483_647;

/** The highest position a client may name: positions are `bigint`, but past this a JavaScript number is no longer exact. */
export const MAX_POSITION = Number.MAX_SAFE_INTEGER;

/**
 * What the stream must look like for an append to go ahead: exactly at that version (0 = no
 * stream yet), not existing yet, existing, or anything.
 */
export type ExpectedVersion = number | 'no_stream' | 'stream_exists' | 'any';

export interface AppendResult {
  /** The stream's version after the append: pass it as the next `expectedVersion`. */
  nextExpectedVersion: number;
  /** Global position of each appended event, in the order given. */
  positions: number[];
}

export interface ReadStreamOptions {
  fromVersion?: number;
  toVersion?: number;
}

export interface ReadAllOptions {
  /** Exclusive: events with a position greater than this. */
  after?: number;
  limit?: number;
  types?: readonly string[];
}
