import { Module } from '@nestjs/common';
import { EventFeedController } from './event-feed.controller';
import { LiveEventHub } from './live-event-hub';
import { ReadEventFeedHandler } from './read-event-feed.handler';
import { ReadStoryEventsHandler } from './read-story-events.handler';
import { StoryEventsController } from './story-events.controller';

/** The event feed for downstream systems (API.md "Event feed"). */
@Module({
  controllers: [EventFeedController, StoryEventsController],
  providers: [LiveEventHub, ReadEventFeedHandler, ReadStoryEventsHandler],
})
export class FeedModule {}
