import { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { EventStore } from '../../src/event-store/event-store';
import { UpcasterRegistry } from '../../src/event-store/upcasters';
import { LOCK_CLASS, projectionLockKey } from '../../src/projections/advisory-lock-key';
import { ProjectionRunner } from '../../src/projections/projection-runner';
import { newStreamId, testEvent } from '../support/event-factory';
import { describeOnRealServer, openTestDataSource, testAppConfig } from '../support/test-database';
import { eventually, startToyApp } from './support/toy-app';
import { createToyTables, startToysAtHead, toyCounter, toySnapshot } from './support/toy-projections';

const Shared = toyCounter('toy_shared', 'SharedCounted');

describeOnRealServer('two API instances on one database', () => {
  let dataSource: DataSource;
  let store: EventStore;
  const apps: INestApplication[] = [];

  beforeAll(async () => {
    dataSource = await openTestDataSource(20);
    store = new EventStore(dataSource, new UpcasterRegistry(), { now: () => new Date() });
    await createToyTables(dataSource, 'toy_shared');
    await startToysAtHead(dataSource, ['toy_shared']);
    const config = testAppConfig({ NEWSDESK_PROJECTION_BATCH_SIZE: '5', NEWSDESK_PROJECTION_LOCK_RETRY_MS: '100' });
    apps.push(await startToyApp(config, [Shared]), await startToyApp(config, [Shared]));
  });
  afterAll(async () => {
    for (const app of apps) await app.close();
    await dataSource.destroy();
  });

  const caughtUp = async (app: INestApplication) => (await app.get(ProjectionRunner).currentPosition('toy_shared')) === (await store.headPosition());
  const appliedBy = (app: INestApplication) => app.get(Shared).applied;

  async function appendConcurrently(writers: number, appendsEach: number): Promise<void> {
    await Promise.all(
      Array.from({ length: writers }, async (_, writer) => {
        const stream = newStreamId();
        for (let i = 0; i < appendsEach; i++) {
          await store.appendToStream(stream, [testEvent('SharedCounted', { writer, i }), testEvent('NotCounted')], { expectedVersion: 'any' });
        }
      }),
    );
  }

  it('apply every event exactly once between them, one instance holding the projection lock', async () => {
    await appendConcurrently(8, 25);
    await eventually('both instances see toy_shared caught up', async () => (await caughtUp(apps[0])) && (await caughtUp(apps[1])));

    const seen = (await toySnapshot(dataSource, 'toy_shared')).seen;
    expect(seen).toHaveLength(200);
    expect(seen.every((row) => row.times === 1)).toBe(true);
    expect(appliedBy(apps[0]) + appliedBy(apps[1])).toBe(200);
    expect([appliedBy(apps[0]), appliedBy(apps[1])]).toContain(0);

    // Only toy_shared's lock: the service's own projections run in both instances too. pg_locks
    // shows the signed 32-bit key as an unsigned oid.
    const toyKey = projectionLockKey('toy_shared');
    const [{ holders }]: { holders: string }[] = await dataSource.query(
      `SELECT count(*) AS holders FROM pg_locks
        WHERE locktype = 'advisory' AND granted AND classid = $1 AND objid::bigint = $2 AND objsubid = 2
          AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
      [LOCK_CLASS.applier, toyKey < 0 ? toyKey + 2 ** 32 : toyKey],
    );
    expect(Number(holders)).toBe(1);
  });

  it('the other instance takes over when the one applying stops, without stalling or double-applying', async () => {
    const leader = apps.find((app) => appliedBy(app) > 0)!;
    const follower = apps.find((app) => app !== leader)!;
    await leader.close();
    apps.splice(apps.indexOf(leader), 1);

    await appendConcurrently(5, 10);
    await eventually('the remaining instance catches up', () => caughtUp(follower));
    expect(appliedBy(follower)).toBe(50);
    const seen = (await toySnapshot(dataSource, 'toy_shared')).seen;
    expect(seen).toHaveLength(250);
    expect(seen.every((row) => row.times === 1)).toBe(true);
  });
});
