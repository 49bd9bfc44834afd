import { Command } from '@nestjs/cqrs';
import type { IssueCorrection as IssueCorrectionInput } from '../story.commands';
import { WriteContext, WriteResult } from '../write/write-context';

export class IssueCorrection extends Command<WriteResult> {
  constructor(
    readonly storyId: string,
    readonly input: IssueCorrectionInput,
    readonly context: WriteContext,
  ) {
    super();
  }
}
