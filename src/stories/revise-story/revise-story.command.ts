import { Command } from '@nestjs/cqrs';
import type { ReviseStory as ReviseStoryInput } from '../story.commands';
import { WriteContext, WriteResult } from '../write/write-context';

export class ReviseStory extends Command<WriteResult> {
  constructor(
    readonly storyId: string,
    readonly input: ReviseStoryInput,
    readonly context: WriteContext,
  ) {
    super();
  }
}
