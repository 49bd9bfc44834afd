import { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { EventStore } from '../../src/event-store/event-store';
import type { StoredEvent } from '../../src/event-store/event-store.types';
import type { ProjectionTransaction } from '../../src/projections/projection';
import { ProjectionRunner } from '../../src/projections/projection-runner';
import { newStreamId, testEvent } from '../support/event-factory';
import { openTestDataSource, testAppConfig } from '../support/test-database';
import { startToyApp } from './support/toy-app';
import { createToyTables, startToysAtHead, ToyCounterProjection } from './support/toy-projections';

const LINGER_MS = 800;

/** Counts the batches it is given, not only the events. */
class Lingering extends ToyCounterProjection {
  readonly batches: number[] = [];

  constructor() {
    super('toy_lingering', 'LingerCounted');
  }

  override async apply(events: StoredEvent[], tx: ProjectionTransaction): Promise<void> {
    this.batches.push(events.length);
    await super.apply(events, tx);
  }
}

describe('NEWSDESK_PROJECTION_LINGER_MS', () => {
  let dataSource: DataSource;
  let app: INestApplication;

  beforeAll(async () => {
    dataSource = await openTestDataSource(2);
    await createToyTables(dataSource, 'toy_lingering');
    await startToysAtHead(dataSource, ['toy_lingering']);
    app = await startToyApp(testAppConfig({ NEWSDESK_PROJECTION_LINGER_MS: String(LINGER_MS) }), [Lingering]);
  });
  afterAll(async () => {
    await app?.close();
    await dataSource?.destroy();
  });

  it('after a batch that caught up, leaves what arrives for one batch after the linger', async () => {
    const store = app.get(EventStore);
    const runner = app.get(ProjectionRunner);
    const stream = newStreamId();
    const first = await store.appendToStream(stream, [testEvent('LingerCounted')], { expectedVersion: 'no_stream' });
    expect((await runner.waitForPosition('toy_lingering', first.positions[0], 10_000)).reached).toBe(true);
    const caughtUpAt = Date.now();

    let last = first;
    for (let version = 1; version <= 3; version++) last = await store.appendToStream(stream, [testEvent('LingerCounted')], { expectedVersion: version });
    const through = last.positions[0];

    // Lingering: the three wait although each one's NOTIFY came.
    expect((await runner.waitForPosition('toy_lingering', through, 200)).reached).toBe(false);
    expect((await runner.waitForPosition('toy_lingering', through, 10_000)).reached).toBe(true);
    expect(Date.now() - caughtUpAt).toBeGreaterThanOrEqual(LINGER_MS - 50);
    expect(app.get(Lingering).batches).toEqual([1, 3]);
  });
});
