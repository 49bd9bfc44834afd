import { Body, Controller, Param, ParseUUIDPipe } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { StoryWrite, StoryWriteContext } from '../write/story-write.decorator';
import { WriteContext, WriteResult } from '../write/write-context';
import { PublishStory } from './publish-story.command';
import { PublishStoryRequest, toPublishStoryInput } from './publish-story.request';

@Controller('stories')
export class PublishStoryController {
  constructor(private readonly commandBus: CommandBus) {}

  @StoryWrite(':id/publications', 'editor', 'Publish the story')
  publish(
    @Param('id', new ParseUUIDPipe()) storyId: string,
    @Body() body: PublishStoryRequest,
    @StoryWriteContext() context: WriteContext,
  ): Promise<WriteResult> {
    return this.commandBus.execute(new PublishStory(storyId, toPublishStoryInput(body), context));
  }
}
