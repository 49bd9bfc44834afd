import { DataSource } from 'typeorm';
import { EventStore } from '../../src/event-store/event-store';
import { UpcasterRegistry } from '../../src/event-store/upcasters';
import { ProjectionBatchApplier } from '../../src/projections/projection-batch-applier';
import { ProjectionCheckpoints } from '../../src/projections/projection-checkpoints';
import { ProjectionApplyError, StaleCheckpointError } from '../../src/projections/projections.errors';
import { newStreamId, testEvent } from '../support/event-factory';
import { openTestDataSource } from '../support/test-database';
import { createToyTables, ToyCounterProjection, toySnapshot } from './support/toy-projections';

describe('a batch moves the checkpoint by compare-and-set', () => {
  const clock = { now: () => new Date() };
  let dataSource: DataSource;
  let store: EventStore;
  let checkpoints: ProjectionCheckpoints;
  let applier: ProjectionBatchApplier;
  let projection: ToyCounterProjection;

  beforeAll(async () => {
    dataSource = await openTestDataSource(4);
    store = new EventStore(dataSource, new UpcasterRegistry(), clock);
    checkpoints = new ProjectionCheckpoints(dataSource, clock);
    applier = new ProjectionBatchApplier(dataSource, checkpoints);
  });
  afterAll(() => dataSource.destroy());

  /** A fresh toy whose checkpoint stands at the current head, and the events appended after it. */
  async function freshToyWithBatch(data: Record<string, unknown>[]) {
    projection = new ToyCounterProjection('toy_cas', 'CasCounted');
    await createToyTables(dataSource, 'toy_cas');
    await checkpoints.ensure(['toy_cas']);
    const start = await store.headPosition();
    await dataSource.query('UPDATE projection_checkpoints SET position = $2 WHERE name = $1', ['toy_cas', start]);
    await store.appendToStream(newStreamId(), data.map((d) => testEvent('CasCounted', d)), { expectedVersion: 'no_stream' });
    return { start, batch: await store.readAll({ after: start }) };
  }

  it('applies a batch read after the checkpoint and moves the checkpoint to its last event', async () => {
    const { start, batch } = await freshToyWithBatch([{ n: 1 }, { n: 2 }, { n: 3 }]);
    await expect(applier.applyBatch(projection, start, batch)).resolves.toBe(batch[2].position);
    expect(await checkpoints.position('toy_cas')).toBe(batch[2].position);
    expect((await toySnapshot(dataSource, 'toy_cas')).seen).toHaveLength(3);
  });

  it('refuses the same batch again (a stale start) without calling the projection or writing anything', async () => {
    const { start, batch } = await freshToyWithBatch([{ n: 1 }, { n: 2 }]);
    await applier.applyBatch(projection, start, batch);
    const before = await toySnapshot(dataSource, 'toy_cas');
    const applied = projection.applied;

    const stale = applier.applyBatch(projection, start, batch);
    await expect(stale).rejects.toThrow(StaleCheckpointError);
    await expect(stale).rejects.toMatchObject({ expected: start, actual: batch[1].position });
    expect(projection.applied).toBe(applied);
    expect(await toySnapshot(dataSource, 'toy_cas')).toEqual(before);
    expect(await checkpoints.position('toy_cas')).toBe(batch[1].position);
  });

  it('lets exactly one of two racing appliers of the same batch through', async () => {
    const { start, batch } = await freshToyWithBatch([{ n: 1 }, { n: 2 }, { n: 3 }, { n: 4 }]);
    const results = await Promise.allSettled([applier.applyBatch(projection, start, batch), applier.applyBatch(projection, start, batch)]);
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.find((result) => result.status === 'rejected') as PromiseRejectedResult;
    expect(rejected.reason).toBeInstanceOf(StaleCheckpointError);
    const seen = (await toySnapshot(dataSource, 'toy_cas')).seen;
    expect(seen).toHaveLength(4);
    expect(seen.every((row) => row.times === 1)).toBe(true);
  });

  it('moves the checkpoint over a batch with none of its events without calling the projection, and refuses it when stale', async () => {
    projection = new ToyCounterProjection('toy_cas', 'CasCounted');
    await createToyTables(dataSource, 'toy_cas');
    await checkpoints.ensure(['toy_cas']);
    const start = await store.headPosition();
    await dataSource.query('UPDATE projection_checkpoints SET position = $2 WHERE name = $1', ['toy_cas', start]);
    await store.appendToStream(newStreamId(), [testEvent('CasIgnored', { n: 1 }), testEvent('CasIgnored', { n: 2 })], { expectedVersion: 'no_stream' });
    const batch = await store.readAll({ after: start });

    await expect(applier.applyBatch(projection, start, batch)).resolves.toBe(batch[1].position);
    expect(await checkpoints.position('toy_cas')).toBe(batch[1].position);
    expect(projection.applied).toBe(0);

    const stale = applier.applyBatch(projection, start, batch);
    await expect(stale).rejects.toThrow(StaleCheckpointError);
    await expect(stale).rejects.toMatchObject({ expected: start, actual: null });
    expect(await checkpoints.position('toy_cas')).toBe(batch[1].position);
  });

  it('rolls the whole batch back, checkpoint included, when the projection throws', async () => {
    const { start, batch } = await freshToyWithBatch([{ n: 1 }, { poison: true }, { n: 3 }]);
    await expect(applier.applyBatch(projection, start, batch)).rejects.toThrow(ProjectionApplyError);
    expect(await checkpoints.position('toy_cas')).toBe(start);
    expect((await toySnapshot(dataSource, 'toy_cas')).seen).toEqual([]);
  });
});
