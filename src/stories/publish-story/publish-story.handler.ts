import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { publishStory } from '../story';
import { StoryWriter } from '../write/story-writer';
import { WriteResult } from '../write/write-context';
import { PublishStory } from './publish-story.command';

@CommandHandler(PublishStory)
export class PublishStoryHandler implements ICommandHandler<PublishStory> {
  constructor(private readonly writer: StoryWriter) {}

  execute({ storyId, input, context }: PublishStory): Promise<WriteResult> {
    return this.writer.write(storyId, (state, now) => publishStory(state, input, now), context);
  }
}
