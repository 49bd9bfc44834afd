import type { StoredEvent } from '../../event-store/event-store.types';
import { asRecordedStoryEvent } from '../story';
import type { RecordedStoryEvent } from '../story.events';
import { storyIdFromStreamId } from '../story.events';

/** A stored event of a story stream, narrowed for the story projections. */
export type StoryStreamEvent = RecordedStoryEvent & {
  storyId: string;
  position: number;
  recordedAt: Date;
  metadata: StoredEvent['metadata'];
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The story events among `stored`, in order, story ids in lower case (as PostgreSQL prints a
 * `uuid`), so a batch can key its stories by id in memory and match the rows it reads back.
 * Every story projection asks this of the same batch (a rebuild applies one batch to all of them,
 * and the live loops share their reads), so each stored event is narrowed once and the result is
 * shared: projections read these events, never change them.
 */
export function storyEventsOf(stored: readonly StoredEvent[]): StoryStreamEvent[] {
  const events: StoryStreamEvent[] = [];
  for (const each of stored) {
    let event = narrowed.get(each);
    if (event === undefined) {
      event = asStoryStreamEvent(each);
      narrowed.set(each, event);
    }
    if (event !== null) events.push(event);
  }
  return events;
}

const narrowed = new WeakMap<StoredEvent, StoryStreamEvent | null>();

/**
 * The story event a stored event is, or `null` when its stream is not a story's (`story-<uuid>`):
 * the story projections key everything by story id and have nothing to say about other streams.
 */
function asStoryStreamEvent(stored: StoredEvent): StoryStreamEvent | null {
  const storyId = storyIdFromStreamId(stored.streamId);
  if (storyId === null || !UUID.test(storyId)) return null;
  return { ...asRecordedStoryEvent(stored), storyId: storyId.toLowerCase(), position: stored.position, recordedAt: stored.recordedAt, metadata: stored.metadata };
}
