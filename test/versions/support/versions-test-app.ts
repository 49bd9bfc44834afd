import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { bearer, createTestApp, TEST_API_KEYS } from '../../support/test-app';

/** The service for the version suites: listening, with one key per role. */
export interface VersionsTestApp {
  app: INestApplication;
  http: ReturnType<typeof request.agent>;
  /** `http://127.0.0.1:<port>`, for clients other than supertest (a browser). */
  baseUrl: string;
  /** Headers a client of that role sends. */
  headers(role: 'consumer' | 'editor'): Record<string, string>;
  /** The key an editor pastes into the page. */
  key(role: 'consumer' | 'editor'): string;
  close(): Promise<void>;
}

export async function startVersionsTestApp(env: Record<string, string> = {}): Promise<VersionsTestApp> {
  const { app, http, close } = await createTestApp({ env });
  const baseUrl = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  return { app, http, baseUrl, headers: (role) => ({ Authorization: bearer(role) }), key: (role) => TEST_API_KEYS[role], close };
}
