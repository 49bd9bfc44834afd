import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { retractDevelopment } from '../story';
import { StoryWriter } from '../write/story-writer';
import { WriteResult } from '../write/write-context';
import { RetractDevelopment } from './retract-development.command';

@CommandHandler(RetractDevelopment)
export class RetractDevelopmentHandler implements ICommandHandler<RetractDevelopment> {
  constructor(private readonly writer: StoryWriter) {}

  execute({ storyId, input, context }: RetractDevelopment): Promise<WriteResult> {
    return this.writer.write(storyId, (state, now) => retractDevelopment(state, input, now), context);
  }
}
