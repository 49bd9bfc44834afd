import { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { EventStore } from '../../src/event-store/event-store';
import { UpcasterRegistry } from '../../src/event-store/upcasters';
import { ProjectionCheckpoints } from '../../src/projections/projection-checkpoints';
import { ProjectionRunner } from '../../src/projections/projection-runner';
import { ProjectionRebuilder } from '../../src/projections/rebuild/projection-rebuilder';
import { newStreamId, testEvent } from '../support/event-factory';
import { describeOnRealServer, openTestDataSource, testAppConfig, testDatabaseUrl } from '../support/test-database';
import { runTypeScript } from './support/child-process';
import { eventually, startToyApp } from './support/toy-app';
import { createToyTables, toyCounter, toySnapshot } from './support/toy-projections';

describeOnRealServer('a projection process killed (SIGKILL) in the middle of a backlog', () => {
  let dataSource: DataSource;
  let app: INestApplication | undefined;

  beforeAll(async () => {
    dataSource = await openTestDataSource(4);
    await createToyTables(dataSource, 'toy_crash');
  });
  afterAll(async () => {
    await app?.close();
    await dataSource.destroy();
  });

  it('restarts where its last committed batch left off: the result equals a full rebuild, no event twice or lost', async () => {
    const clock = { now: () => new Date() };
    const store = new EventStore(dataSource, new UpcasterRegistry(), clock);
    const checkpoints = new ProjectionCheckpoints(dataSource, clock);
    const start = await store.headPosition();
    for (let append = 0; append < 20; append++) {
      const events = Array.from({ length: 200 }, (_, i) => testEvent(i % 5 === 0 ? 'NotCounted' : 'CrashCounted', { append, i }));
      await store.appendToStream(newStreamId(), events, { expectedVersion: 'no_stream' });
    }
    const head = await store.headPosition();
    const [{ count: backlog }] = await dataSource.query(`SELECT count(*)::integer AS count FROM events WHERE type = 'CrashCounted'`);

    const child = runTypeScript('test/projections/support/crash-child.ts', [], { DATABASE_URL: testDatabaseUrl() });
    try {
      await eventually('the child process applies a first part of the backlog', async () => (await checkpoints.position('toy_crash')) >= start + (head - start) / 4, 60_000);
    } finally {
      child.child.kill('SIGKILL');
    }
    await child.exited;
    const killedAt = await checkpoints.position('toy_crash');
    expect(killedAt).toBeGreaterThan(start);
    expect(killedAt).toBeLessThan(head);
    const partial = (await toySnapshot(dataSource, 'toy_crash')).seen;
    expect(partial.length).toBeGreaterThan(0);
    expect(partial.every((row) => Number(row.position) <= killedAt)).toBe(true);

    app = await startToyApp(testAppConfig({ NEWSDESK_PROJECTION_BATCH_SIZE: '50' }), [toyCounter('toy_crash', 'CrashCounted')]);
    const runner = app.get(ProjectionRunner);
    await eventually('the restarted service catches up', async () => (await runner.currentPosition('toy_crash')) === (await store.headPosition()), 60_000);
    const resumed = await toySnapshot(dataSource, 'toy_crash');
    expect(resumed.seen).toHaveLength(backlog);
    expect(resumed.seen.every((row) => row.times === 1)).toBe(true);

    await app.get(ProjectionRebuilder).rebuild('toy_crash');
    expect(await toySnapshot(dataSource, 'toy_crash')).toEqual(resumed);
  });
});
