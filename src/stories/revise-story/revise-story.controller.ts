import { Body, Controller, Param, ParseUUIDPipe } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { StoryWrite, StoryWriteContext } from '../write/story-write.decorator';
import { WriteContext, WriteResult } from '../write/write-context';
import { ReviseStory } from './revise-story.command';
import { ReviseStoryRequest, toReviseStoryInput } from './revise-story.request';

@Controller('stories')
export class ReviseStoryController {
  constructor(private readonly commandBus: CommandBus) {}

  @StoryWrite(':id/revisions', 'reporter', 'Revise the story text')
  revise(
    @Param('id', new ParseUUIDPipe()) storyId: string,
    @Body() body: ReviseStoryRequest,
    @StoryWriteContext() context: WriteContext,
  ): Promise<WriteResult> {
    return this.commandBus.execute(new ReviseStory(storyId, toReviseStoryInput(body), context));
  }
}
