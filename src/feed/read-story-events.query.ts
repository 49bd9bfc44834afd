import { Query } from '@nestjs/cqrs';
import { FeedEvent } from './feed-event';

export interface StoryEventsPage {
  events: FeedEvent[];
  /** Pass as `after` for the next page: the last version read, or `after` itself when the page is empty. */
  next: number;
}

/** One story's own stream in version order, after a version. */
export class ReadStoryEvents extends Query<StoryEventsPage> {
  constructor(
    readonly storyId: string,
    readonly after: number,
    readonly limit: number,
  ) {
    super();
  }
}
