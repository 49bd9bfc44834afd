import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { RequireRole } from '../../../auth/auth.decorators';
import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ProjectionRead } from '../../../projections/projection-read.decorator';
import { Page, pageWindow } from '../paged-list';
import { ReadStoriesList } from './read-stories-list.query';
import { StoriesListProjection } from './stories-list.projection';
import type { StoryListItem } from './story-list-item';
import { ReadStoriesListRequest } from './stories-list.request';

/** The desk's list of stories. */
@RequireRole('consumer')
@ApiTags('reads')
@ApiBearerAuth()
@Controller('stories')
export class StoriesListController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get()
  @ProjectionRead(StoriesListProjection.NAME)
  read(@Query() query: ReadStoriesListRequest): Promise<Page<StoryListItem>> {
    return this.queryBus.execute(new ReadStoriesList(query.status ?? null, query.desk ?? null, pageWindow(query)));
  }
}
