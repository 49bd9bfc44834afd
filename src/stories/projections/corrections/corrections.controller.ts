import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { RequireRole } from '../../../auth/auth.decorators';
import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ProjectionRead } from '../../../projections/projection-read.decorator';
import { Page, PagedListRequest, pageWindow } from '../paged-list';
import type { CorrectionItem } from './correction-item';
import { CorrectionsProjection } from './corrections.projection';
import { ReadCorrectionsLog } from './read-corrections-log.query';
import { ReadStoryCorrections } from './read-story-corrections.query';

/** The corrections log, per story and desk-wide. */
@RequireRole('consumer')
@ApiTags('reads')
@ApiBearerAuth()
@Controller()
@ProjectionRead(CorrectionsProjection.NAME)
export class CorrectionsController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get('stories/:id/corrections')
  readStory(@Param('id', new ParseUUIDPipe()) storyId: string, @Query() query: PagedListRequest): Promise<Page<CorrectionItem>> {
    return this.queryBus.execute(new ReadStoryCorrections(storyId.toLowerCase(), pageWindow(query)));
  }

  @Get('corrections')
  readDeskWide(@Query() query: PagedListRequest): Promise<Page<CorrectionItem>> {
    return this.queryBus.execute(new ReadCorrectionsLog(pageWindow(query)));
  }
}
