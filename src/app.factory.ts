import { DynamicModule, INestApplication, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppModule, ExtraModule } from './app.module';
import { AppConfig } from './config/app-config';
import { HttpCoreModule } from './http/http-core.module';
import { installHttpPipeline } from './http/install-http-pipeline';

export interface CreateAppOptions {
  logger?: false;
  /** Modules mounted beside the service; tests add test-only controllers this way. */
  extraModules?: readonly ExtraModule[];
}

/** The service with the HTTP conventions every route shares. */
@Module({})
class NewsdeskApplication {
  static forRoot(config: AppConfig, extraModules: readonly ExtraModule[]): DynamicModule {
    return { module: NewsdeskApplication, imports: [HttpCoreModule, AppModule.forRoot(config), ...extraModules] };
  }
}

/** Builds the configured application; shared by `main.ts` and the e2e tests so both run the same service. */
export async function createApp(config: AppConfig, options: CreateAppOptions = {}): Promise<INestApplication> {
  const app = await NestFactory.create(NewsdeskApplication.forRoot(config, options.extraModules ?? []), {
    logger: options.logger,
    abortOnError: false,
    // Our own JSON parser (src/http/body) replaces Nest's, with the limit and problem answers.
    bodyParser: false,
  });
  installHttpPipeline(app, config);
  app.enableShutdownHooks();
  return app;
}
