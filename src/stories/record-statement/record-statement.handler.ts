import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { recordStatement } from '../story';
import { StoryWriter } from '../write/story-writer';
import { WriteResult } from '../write/write-context';
import { RecordStatement } from './record-statement.command';

@CommandHandler(RecordStatement)
export class RecordStatementHandler implements ICommandHandler<RecordStatement> {
  constructor(private readonly writer: StoryWriter) {}

  execute({ storyId, input, context }: RecordStatement): Promise<WriteResult> {
    return this.writer.write(storyId, (state, now) => recordStatement(state, input, now), context);
  }
}
