import { Body, Controller, Param, ParseUUIDPipe } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { StoryWrite, StoryWriteContext } from '../write/story-write.decorator';
import { WriteContext, WriteResult } from '../write/write-context';
import { RecordStatement } from './record-statement.command';
import { RecordStatementRequest, toRecordStatementInput } from './record-statement.request';

@Controller('stories')
export class RecordStatementController {
  constructor(private readonly commandBus: CommandBus) {}

  @StoryWrite(':id/statements', 'reporter', 'Record a statement')
  record(
    @Param('id', new ParseUUIDPipe()) storyId: string,
    @Body() body: RecordStatementRequest,
    @StoryWriteContext() context: WriteContext,
  ): Promise<WriteResult> {
    return this.commandBus.execute(new RecordStatement(storyId, toRecordStatementInput(body), context));
  }
}
