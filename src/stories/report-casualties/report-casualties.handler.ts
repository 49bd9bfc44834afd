import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { reportCasualties } from '../story';
import { StoryWriter } from '../write/story-writer';
import { WriteResult } from '../write/write-context';
import { ReportCasualties } from './report-casualties.command';

@CommandHandler(ReportCasualties)
export class ReportCasualtiesHandler implements ICommandHandler<ReportCasualties> {
  constructor(private readonly writer: StoryWriter) {}

  execute({ storyId, input, context }: ReportCasualties): Promise<WriteResult> {
    return this.writer.write(storyId, (state, now) => reportCasualties(state, input, now), context);
  }
}
