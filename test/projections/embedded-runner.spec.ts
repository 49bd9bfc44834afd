import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { loadAppConfig } from '../../src/config/app-config';
import { EventStore } from '../../src/event-store/event-store';
import { ProjectionRebuilder } from '../../src/projections/rebuild/projection-rebuilder';
import { newStreamId, testEvent } from '../support/event-factory';
import { startToyApp } from './support/toy-app';
import { createToyTables, toyCounter, toySnapshot } from './support/toy-projections';

const Embedded = toyCounter('toy_embedded', 'EmbeddedCounted');

describe('the projection runner on the embedded database (one connection, no NOTIFY)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'newsdesk-projections-'));
  const env = { NEWSDESK_DATA_DIR: dataDir, PORT: '0', NEWSDESK_PROJECTION_POLL_MS: '50' };
  let app: INestApplication;

  beforeAll(async () => {
    // First boot migrates; the toy's tables are then made as its migration would.
    const setup = await startToyApp(loadAppConfig({ ...env, NEWSDESK_PROJECTIONS: 'off' }), [Embedded]);
    await createToyTables(setup.get(DataSource), 'toy_embedded');
    await setup.close();
    app = await startToyApp(loadAppConfig(env), [Embedded], ['toy_embedded']);
  });
  afterAll(async () => {
    await app?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('applies events found by polling, answers a minPosition read, and rebuilds to the same tables', async () => {
    const stream = newStreamId();
    const { positions } = await app.get(EventStore).appendToStream(stream, [testEvent('EmbeddedCounted'), testEvent('EmbeddedCounted'), testEvent('Other')], {
      expectedVersion: 'no_stream',
    });

    const response = await request(app.getHttpServer()).get(`/toy/toy_embedded?minPosition=${positions[2]}`).expect(200);
    expect(response.body).toEqual({ events: 2 });
    expect(Number(response.headers['x-projection-position'])).toBe(positions[2]);

    const dataSource = app.get(DataSource);
    const incremental = await toySnapshot(dataSource, 'toy_embedded');
    // Two events of its type replayed; the checkpoint still reaches the third (an 'Other') event.
    await expect(app.get(ProjectionRebuilder).rebuild('toy_embedded')).resolves.toMatchObject({ events: 2, position: positions[2] });
    expect(await toySnapshot(dataSource, 'toy_embedded')).toEqual(incremental);
    await request(app.getHttpServer()).get('/health').expect(200);
  });
});
