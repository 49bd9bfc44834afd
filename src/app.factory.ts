import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppModule, ExtraModule } from './app.module';
import { AppConfig } from './config/app-config';

/** Builds the configured application; shared by `main.ts` and the e2e tests so both run the same service. */
export async function createApp(
  config: AppConfig,
  options: { logger?: false; extraModules?: readonly ExtraModule[] } = {},
): Promise<INestApplication> {
  const app = await NestFactory.create(AppModule.forRoot(config, { extraModules: options.extraModules }), { logger: options.logger, abortOnError: false });
  app.enableShutdownHooks();
  return app;
}
