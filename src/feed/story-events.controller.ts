import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { RequireRole } from '../auth/auth.decorators';
import { ReadStoryEventsRequest } from './feed.request';
import { ReadStoryEvents, StoryEventsPage } from './read-story-events.query';

/** One story's own stream, in version order. */
@Controller('stories/:id/events')
@RequireRole('consumer')
@ApiTags('event feed')
@ApiBearerAuth()
export class StoryEventsController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get()
  @ApiOperation({ description: 'The story\'s own stream in version order, after ?after (a version, default 0), at most ?limit (1-1000); next is the last version read.' })
  read(@Param('id', new ParseUUIDPipe()) storyId: string, @Query() query: ReadStoryEventsRequest): Promise<StoryEventsPage> {
    return this.queryBus.execute(new ReadStoryEvents(storyId, query.after ?? 0, query.limit ?? 100));
  }
}
