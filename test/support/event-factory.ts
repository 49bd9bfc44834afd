import { randomUUID } from 'node:crypto';
import { EventMetadata, NewEvent } from '../../src/event-store/event-store.types';

/** Metadata as a reporter's request would record it. */
export function testMetadata(overrides: Partial<EventMetadata> = {}): EventMetadata {
  return { actorId: 'test-reporter', actorRole: 'reporter', requestId: randomUUID(), correlationId: randomUUID(), causationId: null, ...overrides };
}

/** A small event of any type, with a fresh id unless one is given. */
export function testEvent(type = 'TestHappened', data: Record<string, unknown> = { n: 1 }, eventId: string = randomUUID()): NewEvent {
  return { eventId, type, data, metadata: testMetadata() };
}

export function newStreamId(): string {
  return `story-${randomUUID()}`;
}
