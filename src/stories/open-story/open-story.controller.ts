import { Body, Controller } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { StoryWrite, StoryWriteContext } from '../write/story-write.decorator';
import { WriteContext, WriteResult } from '../write/write-context';
import { OpenStory } from './open-story.command';
import { OpenStoryRequest, toOpenStoryInput } from './open-story.request';

@Controller('stories')
export class OpenStoryController {
  constructor(private readonly commandBus: CommandBus) {}

  /** A reporter opens a story; it answers with version 1. */
  @StoryWrite('', 'reporter', 'Open a story')
  open(@Body() body: OpenStoryRequest, @StoryWriteContext() context: WriteContext): Promise<WriteResult> {
    return this.commandBus.execute(new OpenStory(toOpenStoryInput(body), context));
  }
}
