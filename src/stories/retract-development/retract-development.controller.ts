import { Body, Controller, Param, ParseUUIDPipe } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { StoryWrite, StoryWriteContext } from '../write/story-write.decorator';
import { WriteContext, WriteResult } from '../write/write-context';
import { RetractDevelopment } from './retract-development.command';
import { RetractDevelopmentRequest, toRetractDevelopmentInput } from './retract-development.request';

@Controller('stories')
export class RetractDevelopmentController {
  constructor(private readonly commandBus: CommandBus) {}

  @StoryWrite(':id/retractions', 'editor', 'Retract a development')
  retract(
    @Param('id', new ParseUUIDPipe()) storyId: string,
    @Body() body: RetractDevelopmentRequest,
    @StoryWriteContext() context: WriteContext,
  ): Promise<WriteResult> {
    return this.commandBus.execute(new RetractDevelopment(storyId, toRetractDevelopmentInput(body), context));
  }
}
