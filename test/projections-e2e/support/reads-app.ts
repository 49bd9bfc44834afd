import { INestApplication } from '@nestjs/common';
import { createTestApp } from '../../support/test-app';

/** The whole service on this run's database, projections running, with one key per role, as the read suites use it. */
export async function startReadsApp(env: Record<string, string> = {}): Promise<INestApplication> {
  const { app } = await createTestApp({ env: { NEWSDESK_PROJECTION_POLL_MS: '50', NEWSDESK_MIN_POSITION_WAIT_MS: '15000', ...env } });
  return app;
}
