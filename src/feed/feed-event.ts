import { StoredEvent } from '../event-store/event-store.types';

/** An event as the feed serves it (API.md "Event feed"). */
export interface FeedEvent {
  position: number;
  streamId: string;
  version: number;
  eventId: string;
  type: string;
  schemaVersion: number;
  data: Record<string, unknown>;
  metadata: StoredEvent['metadata'];
  recordedAt: string;
}

export function toFeedEvent(event: StoredEvent): FeedEvent {
  return {
    position: event.position,
    streamId: event.streamId,
    version: event.version,
    eventId: event.eventId,
    type: event.type,
    schemaVersion: event.schemaVersion,
    data: event.data,
    metadata: event.metadata,
    recordedAt: event.recordedAt.toISOString(),
  };
}
