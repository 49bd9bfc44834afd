import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { StoryWriter } from '../write/story-writer';
import { WriteResult } from '../write/write-context';
import { OpenStory } from './open-story.command';

@CommandHandler(OpenStory)
export class OpenStoryHandler implements ICommandHandler<OpenStory> {
  constructor(private readonly writer: StoryWriter) {}

  execute({ input, context }: OpenStory): Promise<WriteResult> {
    return this.writer.open(input, context);
  }
}
