import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { createApp } from '../../src/app.factory';
import { loadAppConfig } from '../../src/config/app-config';
import { EventStore } from '../../src/event-store/event-store';
import { newStreamId, testEvent } from '../support/event-factory';

describe('embedded mode (no DATABASE_URL)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'newsdesk-embedded-'));
  const config = loadAppConfig({ NEWSDESK_DATA_DIR: dataDir, PORT: '0' });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  async function boot(): Promise<INestApplication> {
    const app = await createApp(config, { logger: false });
    await app.init();
    return app;
  }

  it('boots, migrates, appends, reads back, and keeps its data across a restart', async () => {
    const streamId = newStreamId();
    const event = testEvent('CasualtiesReported', { figure: { min: 22 } });

    let app = await boot();
    try {
      const health = await request(app.getHttpServer()).get('/health').expect(200);
      expect(health.body).toMatchObject({ status: 'ok', database: 'up' });
      expect(health.body.projections.filter((projection: { error: unknown }) => projection.error !== null)).toEqual([]);
      const result = await app.get(EventStore).appendToStream(streamId, [event], { expectedVersion: 'no_stream' });
      expect(result.nextExpectedVersion).toBe(1);
    } finally {
      await app.close();
    }

    app = await boot();
    try {
      const [stored] = await app.get(EventStore).readStream(streamId);
      expect(stored).toMatchObject({ eventId: event.eventId, version: 1, data: { figure: { min: 22 } } });
      const second = await app.get(EventStore).appendToStream(streamId, [testEvent()], { expectedVersion: 1 });
      expect(second.nextExpectedVersion).toBe(2);
    } finally {
      await app.close();
    }
  });
});
