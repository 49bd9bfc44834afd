import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { issueCorrection } from '../story';
import { StoryWriter } from '../write/story-writer';
import { WriteResult } from '../write/write-context';
import { IssueCorrection } from './issue-correction.command';

@CommandHandler(IssueCorrection)
export class IssueCorrectionHandler implements ICommandHandler<IssueCorrection> {
  constructor(private readonly writer: StoryWriter) {}

  execute({ storyId, input, context }: IssueCorrection): Promise<WriteResult> {
    return this.writer.write(storyId, (state, now) => issueCorrection(state, input, now), context);
  }
}
