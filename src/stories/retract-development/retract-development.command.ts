import { Command } from '@nestjs/cqrs';
import type { RetractDevelopment as RetractDevelopmentInput } from '../story.commands';
import { WriteContext, WriteResult } from '../write/write-context';

export class RetractDevelopment extends Command<WriteResult> {
  constructor(
    readonly storyId: string,
    readonly input: RetractDevelopmentInput,
    readonly context: WriteContext,
  ) {
    super();
  }
}
