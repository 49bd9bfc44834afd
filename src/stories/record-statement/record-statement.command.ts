import { Command } from '@nestjs/cqrs';
import type { RecordStatement as RecordStatementInput } from '../story.commands';
import { WriteContext, WriteResult } from '../write/write-context';

export class RecordStatement extends Command<WriteResult> {
  constructor(
    readonly storyId: string,
    readonly input: RecordStatementInput,
    readonly context: WriteContext,
  ) {
    super();
  }
}
