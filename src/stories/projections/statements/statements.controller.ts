import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { RequireRole } from '../../../auth/auth.decorators';
import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ProjectionRead } from '../../../projections/projection-read.decorator';
import { Page, pageWindow } from '../paged-list';
import { ProjectionReadRequest } from '../projection-read.request';
import { ReadStoryStatements, StoryStatements } from './read-story-statements.query';
import { SearchStatements } from './search-statements.query';
import type { StatementSearchItem } from './statement-item';
import { StatementsProjection } from './statements.projection';
import { SearchStatementsRequest } from './statements.request';

/** Statements per story and across stories. */
@RequireRole('consumer')
@ApiTags('reads')
@ApiBearerAuth()
@Controller()
@ProjectionRead(StatementsProjection.NAME)
export class StatementsController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get('stories/:id/statements')
  readStory(@Param('id', new ParseUUIDPipe()) storyId: string, @Query() _query: ProjectionReadRequest): Promise<StoryStatements> {
    return this.queryBus.execute(new ReadStoryStatements(storyId.toLowerCase()));
  }

  @Get('statements')
  search(@Query() query: SearchStatementsRequest): Promise<Page<StatementSearchItem>> {
    return this.queryBus.execute(new SearchStatements(query.speaker ?? null, query.organization ?? null, pageWindow(query)));
  }
}
