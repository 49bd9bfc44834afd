import { Module } from '@nestjs/common';
import { ProjectionsModule } from '../../projections/projections.module';
import { CasualtyTalliesController } from './casualty-tallies/casualty-tallies.controller';
import { CasualtyTalliesProjection } from './casualty-tallies/casualty-tallies.projection';
import { ReadCasualtyTalliesHandler } from './casualty-tallies/read-casualty-tallies.handler';
import { CorrectionsController } from './corrections/corrections.controller';
import { CorrectionsProjection } from './corrections/corrections.projection';
import { ReadCorrectionsLogHandler } from './corrections/read-corrections-log.handler';
import { ReadStoryCorrectionsHandler } from './corrections/read-story-corrections.handler';
import { ReadStoryStatementsHandler } from './statements/read-story-statements.handler';
import { SearchStatementsHandler } from './statements/search-statements.handler';
import { StatementsController } from './statements/statements.controller';
import { StatementsProjection } from './statements/statements.projection';
import { ReadStoriesListHandler } from './stories-list/read-stories-list.handler';
import { StoriesListController } from './stories-list/stories-list.controller';
import { StoriesListProjection } from './stories-list/stories-list.projection';

/** The projections of the story streams that readers query, their query handlers and read routes. */
@Module({
  imports: [ProjectionsModule.forFeature([StoriesListProjection, CasualtyTalliesProjection, StatementsProjection, CorrectionsProjection])],
  controllers: [StoriesListController, CasualtyTalliesController, StatementsController, CorrectionsController],
  providers: [
    ReadStoriesListHandler,
    ReadCasualtyTalliesHandler,
    ReadStoryStatementsHandler,
    SearchStatementsHandler,
    ReadStoryCorrectionsHandler,
    ReadCorrectionsLogHandler,
  ],
})
export class StoryReadsModule {}
