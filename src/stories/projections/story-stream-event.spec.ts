import type { StoredEvent } from '../../event-store/event-store.types';
import { storyEventsOf } from './story-stream-event';

function stored(position: number, streamId: string): StoredEvent {
  return {
    position,
    streamId,
    version: position,
    eventId: `00000000-0000-4000-8000-${String(position).padStart(12, '0')}`,
    type: 'StoryRevised',
    schemaVersion: 1,
    data: { body: `text ${position}` },
    metadata: { actorId: 'reporter-1' } as StoredEvent['metadata'],
    recordedAt: new Date(Date.UTC(2026, 10, 27, 12, position)),
  };
}

describe('storyEventsOf', () => {
  const storyId = '5FF5938B-04CA-4D99-85AC-DE2AE8B89A50';
  const batch = [stored(1, `story-${storyId}`), stored(2, 'ledger-7'), stored(3, 'story-not-a-uuid'), stored(4, `story-${storyId}`)];

  it('keeps the events of story streams, in order, with the story id in lower case', () => {
    const events = storyEventsOf(batch);
    expect(events.map((event) => [event.position, event.storyId, event.type, event.data])).toEqual([
      [1, storyId.toLowerCase(), 'StoryRevised', { body: 'text 1' }],
      [4, storyId.toLowerCase(), 'StoryRevised', { body: 'text 4' }],
    ]);
  });

  it('narrows each stored event once: every projection applying the same batch gets the same objects', () => {
    const first = storyEventsOf(batch);
    const second = storyEventsOf([batch[3], batch[0]]);
    expect(second[0]).toBe(first[1]);
    expect(second[1]).toBe(first[0]);
  });

  it('refuses an event whose type is not a story event, every time it is asked', () => {
    const odd = { ...stored(5, `story-${storyId}`), type: 'LedgerClosed' };
    expect(() => storyEventsOf([odd])).toThrow(/not a story event type/);
    expect(() => storyEventsOf([odd])).toThrow(/not a story event type/);
  });
});
