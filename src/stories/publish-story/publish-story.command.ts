import { Command } from '@nestjs/cqrs';
import type { PublishStory as PublishStoryInput } from '../story.commands';
import { WriteContext, WriteResult } from '../write/write-context';

export class PublishStory extends Command<WriteResult> {
  constructor(
    readonly storyId: string,
    readonly input: PublishStoryInput,
    readonly context: WriteContext,
  ) {
    super();
  }
}
