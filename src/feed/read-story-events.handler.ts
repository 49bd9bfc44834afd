import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { storyNotFound } from '../stories/story.errors';
import { EventStore } from '../event-store/event-store';
import { storyStreamId } from '../stories/story.events';
import { toFeedEvent } from './feed-event';
import { ReadStoryEvents, StoryEventsPage } from './read-story-events.query';

@QueryHandler(ReadStoryEvents)
export class ReadStoryEventsHandler implements IQueryHandler<ReadStoryEvents> {
  constructor(private readonly store: EventStore) {}

  async execute({ storyId, after, limit }: ReadStoryEvents): Promise<StoryEventsPage> {
    const streamId = storyStreamId(storyId);
    const events = await this.store.readStream(streamId, { fromVersion: after + 1, toVersion: after + limit });
    if (events.length === 0 && (await this.store.streamVersion(streamId)) === 0) {
      throw storyNotFound(storyId);
    }
    return { events: events.map(toFeedEvent), next: events.length ? events[events.length - 1].version : after };
  }
}
