import { randomUUID } from 'node:crypto';
import type { EventMetadata, NewEvent, StoredEvent } from '../../../src/event-store/event-store.types';
import type { StoryEventData } from '../../../src/stories/story.events';
import { storyStreamId } from '../../../src/stories/story.events';

/**
 * A fictional breaking story for the version suites: a night strike on the Harmanlı border
 * outpost, the toll rising through the evening as the provincial governor updates it, the other
 * side's claim relayed by a wire agency, statements, a correction and two publications. Every
 * name, agency and place is invented.
 */

export type TimelineEvent = StoryEventData & { eventId: string; actor: string; recordedAt: string };

const REPORTER = 'leyla-aksoy';
const EDITOR = 'tom-brandt';

const governor = { name: 'Kemal Ertan', role: 'governor of Harmanlı province', via: 'Eastgate News Agency', channel: 'televised briefing' };
const ministry = { name: 'Ministry of Defence', organization: 'Ministry of Defence', via: 'Coastline Wire', channel: 'written statement' };

/** The story's events in stream order, with fresh ids for one story. */
export function harmanliTimeline(storyId: string = randomUUID()): { storyId: string; events: TimelineEvent[] } {
  const id = () => randomUUID();
  const toll9 = id();
  const toll22 = id();
  const mayorQuote = id();
  const events: TimelineEvent[] = [
    {
      eventId: id(), actor: REPORTER, recordedAt: '2025-11-12T19:20:00.000Z', type: 'StoryOpened',
      data: {
        storyId, slug: `harmanli-outpost-strike-${storyId.slice(0, 8)}`, headline: 'Soldiers killed in strike on Harmanlı border outpost',
        dek: 'The provincial governor says the toll may rise.', body: 'An artillery strike hit the Harmanlı outpost after nightfall, the governor said.',
        dateline: 'HARMANLI', desk: 'world', bylines: ['Leyla Aksoy'],
      },
    },
    {
      eventId: toll9, actor: REPORTER, recordedAt: '2025-11-12T19:25:00.000Z', type: 'CasualtiesReported',
      data: { party: 'soldiers at the Harmanlı outpost', category: 'killed', figure: { min: 9, max: 9 }, status: 'confirmed', source: governor, asOf: '2025-11-12T19:10:00.000Z' },
    },
    {
      eventId: id(), actor: EDITOR, recordedAt: '2025-11-12T19:40:00.000Z', type: 'StoryPublished', data: { publishedVersion: 3 },
    },
    {
      eventId: toll22, actor: REPORTER, recordedAt: '2025-11-12T20:35:00.000Z', type: 'CasualtiesReported',
      data: { party: 'soldiers at the Harmanlı outpost', category: 'killed', figure: { min: 22, max: 22 }, status: 'confirmed', source: governor, asOf: '2025-11-12T20:30:00.000Z' },
    },
    {
      eventId: id(), actor: REPORTER, recordedAt: '2025-11-12T20:50:00.000Z', type: 'CasualtiesReported',
      data: {
        party: 'Karsan militia fighters', category: 'killed', figure: { min: 201, wording: 'more than 200' }, status: 'claimed', source: ministry,
        asOf: '2025-11-12T20:45:00.000Z',
      },
    },
    {
      eventId: mayorQuote, actor: REPORTER, recordedAt: '2025-11-12T21:00:00.000Z', type: 'StatementRecorded',
      data: { speaker: { name: 'Derya Okan', role: 'mayor of Harmanlı' }, text: 'We heard the first shells at half past six.', mode: 'quote', channel: 'phone call' },
    },
    {
      eventId: id(), actor: REPORTER, recordedAt: '2025-11-12T21:05:00.000Z', type: 'StoryRevised',
      data: {
        headline: '22 soldiers killed in strike on Harmanlı border outpost',
        body: 'An artillery strike hit the Harmanlı outpost after nightfall, killing 22 soldiers, the governor said.',
        note: 'toll update',
      },
    },
    {
      eventId: id(), actor: EDITOR, recordedAt: '2025-11-12T21:15:00.000Z', type: 'CorrectionIssued',
      data: {
        targetEventId: toll22, targetType: 'CasualtiesReported', changes: { figure: { min: 22, wording: 'at least 22' } }, before: { figure: { min: 22, max: 22 } },
        reason: 'The governor gave 22 as a floor.', notice: 'An earlier version said exactly 22 soldiers were killed; the governor said at least 22.',
      },
    },
    {
      eventId: id(), actor: EDITOR, recordedAt: '2025-11-12T21:20:00.000Z', type: 'DevelopmentRetracted',
      data: { targetEventId: mayorQuote, targetType: 'StatementRecorded', reason: 'The quote came from a different town official.', notice: 'A quote attributed to the mayor of Harmanlı was withdrawn.' },
    },
    {
      eventId: id(), actor: REPORTER, recordedAt: '2025-11-12T21:25:00.000Z', type: 'StatementRecorded',
      data: {
        speaker: { name: 'Aras Demirel', role: 'defence minister', organization: 'Ministry of Defence' }, text: 'The positions that fired on the outpost were destroyed.',
        mode: 'quote', channel: 'post on X', via: 'Coastline Wire', madeAt: '2025-11-12T21:10:00.000Z',
      },
    },
    {
      eventId: id(), actor: EDITOR, recordedAt: '2025-11-12T21:30:00.000Z', type: 'StoryPublished', data: { publishedVersion: 11, note: 'late edition' },
    },
  ];
  return { storyId, events };
}

/** The events as the store would hand them back, at positions from `firstPosition` on. */
export function asStoredEvents(storyId: string, events: readonly TimelineEvent[], firstPosition = 1): StoredEvent[] {
  return events.map((event, index) => ({
    position: firstPosition + index,
    streamId: storyStreamId(storyId),
    version: index + 1,
    eventId: event.eventId,
    type: event.type,
    schemaVersion: 1,
    data: event.data as unknown as Record<string, unknown>,
    metadata: metadataFor(event.actor),
    recordedAt: new Date(event.recordedAt),
  }));
}

/** The events ready for `EventStore.appendToStream`. */
export function asNewEvents(events: readonly TimelineEvent[]): NewEvent<object>[] {
  return events.map((event) => ({ eventId: event.eventId, type: event.type, data: event.data, metadata: metadataFor(event.actor) }));
}

function metadataFor(actor: string): EventMetadata {
  return { actorId: actor, actorRole: actor === EDITOR ? 'editor' : 'reporter', requestId: randomUUID(), correlationId: randomUUID(), causationId: null };
}
