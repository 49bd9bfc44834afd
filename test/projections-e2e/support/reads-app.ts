import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { EventStore } from '../../../src/event-store/event-store';
import { bearer, createTestApp } from '../../support/test-app';

/** The service a read suite runs against, and its one HTTP client (with a consumer key). */
export interface ReadsSuite {
  readonly app: INestApplication;
  readonly store: EventStore;
  read(path: string): request.Test;
}

/**
 * Boots the whole service on this run's database, projections running, with one key per role,
 * for the enclosing `describe` (closed after it), as the read suites use it.
 */
export function useReadsApp(env: Record<string, string> = {}): ReadsSuite {
  let app: INestApplication | undefined;
  beforeAll(async () => {
    ({ app } = await createTestApp({ env: { NEWSDESK_PROJECTION_POLL_MS: '50', NEWSDESK_MIN_POSITION_WAIT_MS: '15000', ...env } }));
  });
  afterAll(() => app?.close());
  const started = (): INestApplication => {
    if (!app) throw new Error('useReadsApp: the service is not started yet (use it inside a test or hook)');
    return app;
  };
  return {
    get app() {
      return started();
    },
    get store() {
      return started().get(EventStore);
    },
    read: (path) => request(started().getHttpServer()).get(path).set('Authorization', bearer('consumer')),
  };
}
