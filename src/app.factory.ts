import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module';
import { AppConfig } from './config/app-config';

/** Builds the configured application; shared by `main.ts` and the e2e tests so both run the same service. */
export async function createApp(config: AppConfig, options: { logger?: false } = {}): Promise<INestApplication> {
  const app = await NestFactory.create(AppModule.forRoot(config), { logger: options.logger, abortOnError: false });
  app.enableShutdownHooks();
  return app;
}
