import { Command } from '@nestjs/cqrs';
import type { ReportCasualties as ReportCasualtiesInput } from '../story.commands';
import { WriteContext, WriteResult } from '../write/write-context';

export class ReportCasualties extends Command<WriteResult> {
  constructor(
    readonly storyId: string,
    readonly input: ReportCasualtiesInput,
    readonly context: WriteContext,
  ) {
    super();
  }
}
