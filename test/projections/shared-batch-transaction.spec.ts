import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { EventStore } from '../../src/event-store/event-store';
import type { StoredEvent } from '../../src/event-store/event-store.types';
import { UpcasterRegistry } from '../../src/event-store/upcasters';
import { ProjectionBatchApplier } from '../../src/projections/projection-batch-applier';
import { CHECKPOINTS_NOTIFY_CHANNEL, ProjectionCheckpoints } from '../../src/projections/projection-checkpoints';
import { ProjectionApplyError, StaleCheckpointError } from '../../src/projections/projections.errors';
import { newStreamId, testEvent } from '../support/event-factory';
import { onRealServer, openTestDataSource, testDatabaseUrl } from '../support/test-database';
import { createToyTables, ToyCounterProjection, toySnapshot } from './support/toy-projections';

/**
 * Batches of several projections asked for in the same turn of the event loop (as the runner's
 * loops do when one NOTIFY wakes them onto one shared page) share one transaction, and each keeps
 * its own compare-and-set and its own failure.
 */
describe('batches asked for together share one transaction', () => {
  const clock = { now: () => new Date() };
  let dataSource: DataSource;
  let store: EventStore;
  let checkpoints: ProjectionCheckpoints;
  let applier: ProjectionBatchApplier;
  let first: ToyCounterProjection;
  let second: ToyCounterProjection;

  beforeAll(async () => {
    dataSource = await openTestDataSource(4);
    store = new EventStore(dataSource, new UpcasterRegistry(), clock);
    checkpoints = new ProjectionCheckpoints(dataSource, clock);
    applier = new ProjectionBatchApplier(dataSource, checkpoints);
  });
  afterAll(() => dataSource.destroy());

  /** Two fresh toys counting `Shared` events, both at the head, and the page appended after it. */
  async function twoToysAndAPage(data: Record<string, unknown>[], type = 'Shared'): Promise<{ start: number; page: StoredEvent[] }> {
    first = new ToyCounterProjection('toy_shared_a', 'Shared');
    second = new ToyCounterProjection('toy_shared_b', 'Shared');
    for (const toy of [first, second]) await createToyTables(dataSource, toy.name);
    await checkpoints.ensure([first.name, second.name]);
    const start = await store.headPosition();
    await dataSource.query('UPDATE projection_checkpoints SET position = $2 WHERE name = ANY($1::text[])', [[first.name, second.name], start]);
    await store.appendToStream(newStreamId(), data.map((d) => testEvent(type, d)), { expectedVersion: 'no_stream' });
    return { start, page: await store.readAll({ after: start }) };
  }

  /** The transaction ids that wrote the toy's rows. */
  async function writers(name: string): Promise<string[]> {
    const rows: { xid: string }[] = await dataSource.query(`SELECT DISTINCT xmin::text AS xid FROM ${name}_seen`);
    return rows.map((row) => row.xid);
  }

  it('writes both batches and moves both checkpoints in one transaction', async () => {
    const { start, page } = await twoToysAndAPage([{ n: 1 }, { n: 2 }]);
    const through = page[1].position;
    await expect(Promise.all([applier.applyBatch(first, start, page), applier.applyBatch(second, start, page)])).resolves.toEqual([through, through]);

    const [firstWriters, secondWriters] = [await writers(first.name), await writers(second.name)];
    expect(firstWriters).toHaveLength(1);
    expect(secondWriters).toEqual(firstWriters);
    expect((await checkpoints.read([first.name, second.name])).map((checkpoint) => checkpoint.position)).toEqual([through, through]);
  });

  (onRealServer ? it : it.skip)(`announces each checkpoint the shared transaction moves${onRealServer ? '' : ' [SKIPPED: LISTEN needs a real PostgreSQL server]'}`, async () => {
    const { start, page } = await twoToysAndAPage([{ n: 1 }]);
    const listener = new Client({ connectionString: testDatabaseUrl() });
    await listener.connect();
    const announced: string[] = [];
    listener.on('notification', (message) => announced.push(message.payload ?? ''));
    await listener.query(`LISTEN ${CHECKPOINTS_NOTIFY_CHANNEL}`);
    try {
      await Promise.all([applier.applyBatch(first, start, page), applier.applyBatch(second, start, page)]);
      const deadline = Date.now() + 2_000;
      while (announced.length < 2 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
      expect(announced.filter((name) => name.startsWith('toy_shared')).sort()).toEqual([first.name, second.name]);
    } finally {
      await listener.end();
    }
  });

  it('refuses a stale batch alone: the other commits', async () => {
    const { start, page } = await twoToysAndAPage([{ n: 1 }, { n: 2 }]);
    const movedTo = page[0].position;
    await dataSource.query('UPDATE projection_checkpoints SET position = $2 WHERE name = $1', [second.name, movedTo]);

    const [fresh, stale] = await Promise.allSettled([applier.applyBatch(first, start, page), applier.applyBatch(second, start, page)]);
    expect(fresh).toEqual({ status: 'fulfilled', value: page[1].position });
    expect(stale.status === 'rejected' && stale.reason).toBeInstanceOf(StaleCheckpointError);
    expect(stale).toMatchObject({ reason: { expected: start, actual: movedTo } });
    expect(second.applied).toBe(0);
    expect((await toySnapshot(dataSource, second.name)).seen).toEqual([]);
    expect((await toySnapshot(dataSource, first.name)).seen).toHaveLength(2);
    expect((await checkpoints.read([first.name, second.name])).map((checkpoint) => checkpoint.position)).toEqual([page[1].position, movedTo]);
  });

  it('lets the other batch commit when one projection throws, and writes nothing of the failing one', async () => {
    const { start, page } = await twoToysAndAPage([{ n: 1 }, { n: 2 }]);
    const poisoned = new ToyCounterProjection('toy_shared_b', 'Shared');
    poisoned.apply = async () => {
      throw new Error('cannot fold this');
    };

    const [healthy, failing] = await Promise.allSettled([applier.applyBatch(first, start, page), applier.applyBatch(poisoned, start, page)]);
    expect(healthy).toEqual({ status: 'fulfilled', value: page[1].position });
    expect(failing.status === 'rejected' && failing.reason).toBeInstanceOf(ProjectionApplyError);
    expect(failing).toMatchObject({ reason: { projection: poisoned.name, message: 'cannot fold this' } });
    const seen = (await toySnapshot(dataSource, first.name)).seen;
    expect(seen.map((row) => row.times)).toEqual([1, 1]);
    expect((await checkpoints.read([first.name, poisoned.name])).map((checkpoint) => checkpoint.position)).toEqual([page[1].position, start]);
  });

  it('moves checkpoints over a page with none of their events in one statement, refusing the stale one alone', async () => {
    const { start, page } = await twoToysAndAPage([{ n: 1 }], 'NotCounted');
    await dataSource.query('UPDATE projection_checkpoints SET position = $2 WHERE name = $1', [first.name, page[0].position]);

    const [stale, fresh] = await Promise.allSettled([applier.applyBatch(first, start, page), applier.applyBatch(second, start, page)]);
    expect(stale).toMatchObject({ status: 'rejected', reason: { expected: start, actual: null } });
    expect(stale.status === 'rejected' && stale.reason).toBeInstanceOf(StaleCheckpointError);
    expect(fresh).toEqual({ status: 'fulfilled', value: page[0].position });
    expect(first.applied + second.applied).toBe(0);
  });

  it('applies batches asked for in different turns in transactions of their own', async () => {
    const { start, page } = await twoToysAndAPage([{ n: 1 }]);
    const firstDone = applier.applyBatch(first, start, page);
    await new Promise((resolve) => setImmediate(resolve));
    await Promise.all([firstDone, applier.applyBatch(second, start, page)]);
    expect(await writers(first.name)).not.toEqual(await writers(second.name));
  });
});
