import { INestApplication } from '@nestjs/common';
import { createApp } from '../../src/app.factory';
import { testAppConfig } from '../support/test-database';
import { TestRoutesModule } from './test-routes';

/** The real service (createApp) plus the test-only routes, initialised. */
export async function createTestApp(env: Record<string, string> = {}): Promise<INestApplication> {
  const app = await createApp(testAppConfig(env), { logger: false, extraModules: [TestRoutesModule] });
  await app.init();
  return app;
}
