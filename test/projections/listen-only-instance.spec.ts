import { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { EventStore } from '../../src/event-store/event-store';
import { UpcasterRegistry } from '../../src/event-store/upcasters';
import { ProjectionRunner } from '../../src/projections/projection-runner';
import { newStreamId, testEvent } from '../support/event-factory';
import { describeOnRealServer, openTestDataSource, testAppConfig } from '../support/test-database';
import { startToyApp } from './support/toy-app';
import { createToyTables, toyCounter } from './support/toy-projections';

const Heard = toyCounter('toy_heard', 'HeardCounted');
/** Far longer than the waits below: a wait that ends sooner was woken by a NOTIFY, not by polling. */
const POLL_MS = 20_000;

describeOnRealServer('an instance with the runner off (API only) waiting for a position', () => {
  let dataSource: DataSource;
  let store: EventStore;
  let applier: INestApplication;
  let apiOnly: INestApplication;

  beforeAll(async () => {
    dataSource = await openTestDataSource(2);
    store = new EventStore(dataSource, new UpcasterRegistry(), { now: () => new Date() });
    await createToyTables(dataSource, 'toy_heard');
    applier = await startToyApp(testAppConfig(), [Heard]);
    apiOnly = await startToyApp(testAppConfig({ NEWSDESK_PROJECTIONS: 'off', NEWSDESK_PROJECTION_POLL_MS: String(POLL_MS) }), [Heard]);
  });
  afterAll(async () => {
    await apiOnly?.close();
    await applier?.close();
    await dataSource?.destroy();
  });

  it('is woken by the applying instance\'s checkpoint NOTIFY, not by its poll interval', async () => {
    const runner = apiOnly.get(ProjectionRunner);
    for (let round = 0; round < 2; round++) {
      const wanted = (await store.headPosition()) + 1;
      const started = Date.now();
      const wait = runner.waitForPosition('toy_heard', wanted, POLL_MS / 2);
      // Let the wait find the checkpoint short and go to sleep before the event exists.
      await new Promise((resolve) => setTimeout(resolve, 300));
      await store.appendToStream(newStreamId(), [testEvent('HeardCounted', { round })], { expectedVersion: 'no_stream' });
      const outcome = await wait;
      expect(outcome.reached).toBe(true);
      expect(outcome.position).toBeGreaterThanOrEqual(wanted);
      expect(Date.now() - started).toBeLessThan(POLL_MS / 4);
    }
  });
});
