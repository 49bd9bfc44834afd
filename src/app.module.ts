import { DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { AppConfig } from './config/app-config';
import { appConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { EditorModule } from './editor/editor.module';
import { EventStoreModule } from './event-store/event-store.module';
import { FeedModule } from './feed/feed.module';
import { HealthModule } from './health/health.module';
import { ProjectionsModule } from './projections/projections.module';
import { StoryVersionsModule } from './stories/projections/versions/story-versions.module';
import { SystemModule } from './system/system.module';

/** The whole service, built from a configuration validated before boot. */
@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        appConfigModule(config),
        SystemModule,
        DatabaseModule,
        EventStoreModule.forRoot({ upcasters: [] }),
        CqrsModule.forRoot(),
        ProjectionsModule.forRoot(),
        HealthModule,
        FeedModule,
        StoryVersionsModule,
        EditorModule,
      ],
    };
  }
}
