import { Module } from '@nestjs/common';
import { ProjectionsModule } from '../../../projections/projections.module';
import { DiffStoryVersionsHandler } from './diff-story-versions.handler';
import { ListStoryVersionsHandler } from './list-story-versions.handler';
import { ReadStoryDocumentHandler } from './read-story-document.handler';
import { ReadStoryVersionHandler } from './read-story-version.handler';
import { StoryVersionsController } from './story-versions.controller';
import { StoryVersionsProjection } from './story-versions.projection';
import { StoryVersionsReader } from './story-versions.reader';

/** Story versions (API.md `GET /stories/:id`, `/versions`, `/versions/:version`, `/diff`) and the projection behind them. */
@Module({
  imports: [ProjectionsModule.forFeature([StoryVersionsProjection])],
  controllers: [StoryVersionsController],
  providers: [StoryVersionsReader, ReadStoryDocumentHandler, ListStoryVersionsHandler, ReadStoryVersionHandler, DiffStoryVersionsHandler],
})
export class StoryVersionsModule {}
