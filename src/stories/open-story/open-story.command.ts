import { Command } from '@nestjs/cqrs';
import type { OpenStory as OpenStoryInput } from '../story.commands';
import { WriteContext, WriteResult } from '../write/write-context';

export class OpenStory extends Command<WriteResult> {
  constructor(
    readonly input: Omit<OpenStoryInput, 'storyId'>,
    readonly context: WriteContext,
  ) {
    super();
  }
}
