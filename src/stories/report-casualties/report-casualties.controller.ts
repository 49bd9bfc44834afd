import { Body, Controller, Param, ParseUUIDPipe } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { StoryWrite, StoryWriteContext } from '../write/story-write.decorator';
import { WriteContext, WriteResult } from '../write/write-context';
import { ReportCasualties } from './report-casualties.command';
import { ReportCasualtiesRequest, toReportCasualtiesInput } from './report-casualties.request';

@Controller('stories')
export class ReportCasualtiesController {
  constructor(private readonly commandBus: CommandBus) {}

  @StoryWrite(':id/casualty-reports', 'reporter', 'Report casualties')
  report(
    @Param('id', new ParseUUIDPipe()) storyId: string,
    @Body() body: ReportCasualtiesRequest,
    @StoryWriteContext() context: WriteContext,
  ): Promise<WriteResult> {
    return this.commandBus.execute(new ReportCasualties(storyId, toReportCasualtiesInput(body), context));
  }
}
