import { Body, Controller, Param, ParseUUIDPipe } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { StoryWrite, StoryWriteContext } from '../write/story-write.decorator';
import { WriteContext, WriteResult } from '../write/write-context';
import { IssueCorrection } from './issue-correction.command';
import { IssueCorrectionRequest, toIssueCorrectionInput } from './issue-correction.request';

@Controller('stories')
export class IssueCorrectionController {
  constructor(private readonly commandBus: CommandBus) {}

  @StoryWrite(':id/corrections', 'editor', 'Correct a development')
  correct(
    @Param('id', new ParseUUIDPipe()) storyId: string,
    @Body() body: IssueCorrectionRequest,
    @StoryWriteContext() context: WriteContext,
  ): Promise<WriteResult> {
    return this.commandBus.execute(new IssueCorrection(storyId, toIssueCorrectionInput(body), context));
  }
}
