import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { EventStore } from '../event-store/event-store';
import { toFeedEvent } from './feed-event';
import { FeedPage, ReadEventFeed } from './read-event-feed.query';

@QueryHandler(ReadEventFeed)
export class ReadEventFeedHandler implements IQueryHandler<ReadEventFeed> {
  constructor(private readonly store: EventStore) {}

  async execute({ after, limit, types }: ReadEventFeed): Promise<FeedPage> {
    const events = await this.store.readAll({ after, limit, types });
    return { events: events.map(toFeedEvent), next: events.length ? events[events.length - 1].position : after };
  }
}
