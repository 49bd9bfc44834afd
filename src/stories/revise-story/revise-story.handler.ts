import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { reviseStory } from '../story';
import { StoryWriter } from '../write/story-writer';
import { WriteResult } from '../write/write-context';
import { ReviseStory } from './revise-story.command';

@CommandHandler(ReviseStory)
export class ReviseStoryHandler implements ICommandHandler<ReviseStory> {
  constructor(private readonly writer: StoryWriter) {}

  execute({ storyId, input, context }: ReviseStory): Promise<WriteResult> {
    return this.writer.write(storyId, (state, now) => reviseStory(state, input, now), context);
  }
}
