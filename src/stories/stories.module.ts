import { Module } from '@nestjs/common';
import { IssueCorrectionController } from './issue-correction/issue-correction.controller';
import { IssueCorrectionHandler } from './issue-correction/issue-correction.handler';
import { OpenStoryController } from './open-story/open-story.controller';
import { OpenStoryHandler } from './open-story/open-story.handler';
import { PublishStoryController } from './publish-story/publish-story.controller';
import { PublishStoryHandler } from './publish-story/publish-story.handler';
import { RecordStatementController } from './record-statement/record-statement.controller';
import { RecordStatementHandler } from './record-statement/record-statement.handler';
import { ReportCasualtiesController } from './report-casualties/report-casualties.controller';
import { ReportCasualtiesHandler } from './report-casualties/report-casualties.handler';
import { RetractDevelopmentController } from './retract-development/retract-development.controller';
import { RetractDevelopmentHandler } from './retract-development/retract-development.handler';
import { ReviseStoryController } from './revise-story/revise-story.controller';
import { ReviseStoryHandler } from './revise-story/revise-story.handler';
import { StoryWriter } from './write/story-writer';

/** The desk's write side: one use case per folder, each a controller, a command and its handler. */
@Module({
  controllers: [
    OpenStoryController,
    ReviseStoryController,
    ReportCasualtiesController,
    RecordStatementController,
    IssueCorrectionController,
    RetractDevelopmentController,
    PublishStoryController,
  ],
  providers: [
    StoryWriter,
    OpenStoryHandler,
    ReviseStoryHandler,
    ReportCasualtiesHandler,
    RecordStatementHandler,
    IssueCorrectionHandler,
    RetractDevelopmentHandler,
    PublishStoryHandler,
  ],
})
export class StoriesModule {}
