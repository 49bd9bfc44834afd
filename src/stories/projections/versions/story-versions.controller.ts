import { Controller, Get, Param, ParseUUIDPipe, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import type { Response } from 'express';
import { ProjectionRead } from '../../../projections/projection-read.decorator';
import type { StoryDiff, StoryDocument } from '../../document';
import { DiffStoryVersions } from './diff-story-versions.query';
import { ListStoryVersions, StoryVersionsPage } from './list-story-versions.query';
import { ReadStoryDocument } from './read-story-document.query';
import { ReadStoryVersion } from './read-story-version.query';
import { STORY_VERSIONS_PROJECTION } from './story-versions.projection';
import { DiffStoryVersionsRequest, ListStoryVersionsRequest, StoryVersionParams } from './story-versions.request';
import { parseVersionReference } from './version-reference';

/** The story document now, as of any version, its version list, and diffs between versions. */
@Controller('stories/:id')
@ProjectionRead(STORY_VERSIONS_PROJECTION)
export class StoryVersionsController {
  constructor(private readonly queryBus: QueryBus) {}

  /** The current document; `ETag: "<version>"` is what a write's `If-Match` sends back. */
  @Get()
  async document(@Param('id', new ParseUUIDPipe()) storyId: string, @Res({ passthrough: true }) response: Response): Promise<StoryDocument> {
    const document = await this.queryBus.execute(new ReadStoryDocument(storyId));
    response.setHeader('ETag', `"${document.version}"`);
    return document;
  }

  @Get('versions')
  versions(@Param('id', new ParseUUIDPipe()) storyId: string, @Query() query: ListStoryVersionsRequest): Promise<StoryVersionsPage> {
    return this.queryBus.execute(new ListStoryVersions(storyId, query.after ?? 0, query.limit ?? 100, query.published ?? false));
  }

  @Get('versions/:version')
  version(@Param() params: StoryVersionParams): Promise<StoryDocument> {
    return this.queryBus.execute(new ReadStoryVersion(params.id, params.version));
  }

  /** `from` must not come after `to` (422 `diff_versions_reversed`); equal versions diff as all equal. */
  @Get('diff')
  diff(@Param('id', new ParseUUIDPipe()) storyId: string, @Query() query: DiffStoryVersionsRequest): Promise<StoryDiff> {
    return this.queryBus.execute(new DiffStoryVersions(storyId, parseVersionReference(query.from), parseVersionReference(query.to)));
  }
}
