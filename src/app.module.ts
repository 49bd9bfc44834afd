import { DynamicModule, Module, Type } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { AuthModule } from './auth/auth.module';
import { AppConfig } from './config/app-config';
import { appConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { EditorModule } from './editor/editor.module';
import { EventStoreModule } from './event-store/event-store.module';
import { FeedModule } from './feed/feed.module';
import { HealthModule } from './health/health.module';
import { ProjectionsModule } from './projections/projections.module';
import { IdempotencyModule } from './idempotency/idempotency.module';
import { StoriesModule } from './stories/stories.module';
import { StoryReadsModule } from './stories/projections/story-reads.module';
import { StoryVersionsModule } from './stories/projections/versions/story-versions.module';
import { SystemModule } from './system/system.module';

/** Modules mounted beside the service by `createApp`, e.g. test-only controllers in e2e suites. */
export type ExtraModule = Type<unknown> | DynamicModule;

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
        StoriesModule,
        AuthModule,
        IdempotencyModule,
        StoryReadsModule,
        StoryVersionsModule,
        EditorModule,
      ],
    };
  }
}
