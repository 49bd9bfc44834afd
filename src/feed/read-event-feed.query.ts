import { Query } from '@nestjs/cqrs';
import { FeedEvent } from './feed-event';

export interface FeedPage {
  events: FeedEvent[];
  /** Pass as `after` for the next page: the last position read, or `after` itself when the page is empty. */
  next: number;
}

/** Events in global order after a position, optionally of some types only. */
export class ReadEventFeed extends Query<FeedPage> {
  constructor(
    readonly after: number,
    readonly limit: number,
    readonly types: readonly string[],
  ) {
    super();
  }
}
