import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import type { ExtraModule } from '../../src/app.module';
import { createApp } from '../../src/app.factory';
import type { Role } from '../../src/auth/roles';
import { testAppConfig } from './test-database';

/** One known secret per role, configured through NEWSDESK_API_KEYS exactly as an operator would. */
export const TEST_API_KEYS: Readonly<Record<Role, string>> = {
  reporter: 'nd_test-reporter-0000000000000000000000000000',
  editor: 'nd_test-editor-000000000000000000000000000000',
  consumer: 'nd_test-consumer-0000000000000000000000000000',
  admin: 'nd_test-admin-0000000000000000000000000000000',
};

export interface TestApp {
  app: INestApplication;
  /** A supertest agent on the app's HTTP server. */
  http: ReturnType<typeof request.agent>;
  /** The secret of each role's key: `.set('Authorization', \`Bearer ${keys.editor}\`)`. */
  keys: Readonly<Record<Role, string>>;
  close(): Promise<void>;
}

export interface TestAppOptions {
  /** Modules to boot with the service, e.g. a module of test-only controllers. */
  extraModules?: readonly ExtraModule[];
  /** More environment variables (they override the defaults). */
  env?: Record<string, string>;
  /** Runs before the app starts listening, as `main.ts` would set up Swagger and the like. */
  beforeListen?: (app: INestApplication) => void | Promise<void>;
}

/**
 * The whole service on this run's test database, with one key per role (named `test-<role>`),
 * listening on a free loopback port (so many requests may run at once) and ready for supertest.
 * Close it in `afterAll`.
 */
export async function createTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const apiKeys = Object.entries(TEST_API_KEYS).map(([role, secret]) => `${role}:test-${role}:${secret}`).join(',');
  const app = await createApp(testAppConfig({ NEWSDESK_API_KEYS: apiKeys, ...options.env }), {
    logger: false,
    extraModules: options.extraModules,
  });
  await options.beforeListen?.(app);
  await app.listen(0, '127.0.0.1');
  return { app, http: request.agent(app.getHttpServer()), keys: TEST_API_KEYS, close: () => app.close() };
}

/** The `Authorization` header value for a role's test key. */
export function bearer(role: Role): string {
  return `Bearer ${TEST_API_KEYS[role]}`;
}
