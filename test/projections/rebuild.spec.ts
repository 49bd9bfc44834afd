import { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { EventStore } from '../../src/event-store/event-store';
import { ProjectionRunner } from '../../src/projections/projection-runner';
import { RebuildAlreadyRunningError } from '../../src/projections/projections.errors';
import { ProjectionRebuilder, RebuildProgress } from '../../src/projections/rebuild/projection-rebuilder';
import { newStreamId, testEvent } from '../support/event-factory';
import { describeOnRealServer, openTestDataSource, testAppConfig, testDatabaseUrl } from '../support/test-database';
import { runTypeScript } from './support/child-process';
import { eventually, startToyApp } from './support/toy-app';
import { createToyTables, toyCounter, toySnapshot } from './support/toy-projections';

const Rebuilt = toyCounter('toy_rebuilt', 'RebuiltCounted');

describe('rebuilding a projection', () => {
  let dataSource: DataSource;
  let app: INestApplication;
  let store: EventStore;
  let runner: ProjectionRunner;
  let rebuilder: ProjectionRebuilder;

  beforeAll(async () => {
    dataSource = await openTestDataSource(4);
    await createToyTables(dataSource, 'toy_rebuilt');
    app = await startToyApp(testAppConfig({ NEWSDESK_PROJECTION_BATCH_SIZE: '100' }), [Rebuilt]);
    store = app.get(EventStore);
    runner = app.get(ProjectionRunner);
    rebuilder = app.get(ProjectionRebuilder);
  });
  afterAll(async () => {
    await app?.close();
    await dataSource?.destroy();
  });

  const caughtUp = async () => (await runner.currentPosition('toy_rebuilt')) === (await store.headPosition());

  async function appendBacklog(events: number): Promise<void> {
    for (let done = 0; done < events; done += 100) {
      const batch = Array.from({ length: 100 }, (_, i) => testEvent(i % 4 === 0 ? 'Unrelated' : 'RebuiltCounted', { i }));
      await store.appendToStream(newStreamId(), batch, { expectedVersion: 'no_stream' });
    }
  }

  const indexNames = async () =>
    dataSource.query(`SELECT tablename, indexname FROM pg_indexes WHERE tablename LIKE 'toy_rebuilt_%' ORDER BY indexname`);

  it('gives tables equal to the incrementally built ones, with the same index names, and the checkpoint at the rebuilt position', async () => {
    await appendBacklog(300);
    await eventually('toy_rebuilt catches up', caughtUp);
    const incremental = await toySnapshot(dataSource, 'toy_rebuilt');
    const indexesBefore = await indexNames();

    const result = await rebuilder.rebuild('toy_rebuilt');

    expect(await toySnapshot(dataSource, 'toy_rebuilt')).toEqual(incremental);
    expect(incremental.seen.length).toBeGreaterThanOrEqual(225);
    expect(result.position).toBe(await runner.currentPosition('toy_rebuilt'));
    expect(result.events).toBeGreaterThanOrEqual(300);
    expect(await indexNames()).toEqual(indexesBefore);
    // The serial column's sequence now belongs to the new table, and the work schemas are gone.
    const [{ sequence }] = await dataSource.query(`SELECT pg_get_serial_sequence('toy_rebuilt_seen', 'seq') AS sequence`);
    expect(sequence).toBe('public.toy_rebuilt_seen_seq_seq');
    expect(await dataSource.query(`SELECT nspname FROM pg_namespace WHERE nspname LIKE 'projection_%'`)).toEqual([]);
  });

  it('keeps the old complete tables readable and appends working until the swap, then catches the live runner up', async () => {
    await appendBacklog(3_000);
    await eventually('toy_rebuilt catches up', caughtUp);
    const [{ count: before }] = await dataSource.query('SELECT count(*)::integer AS count FROM toy_rebuilt_seen');
    const readsDuring: number[] = [];
    const appendedDuring: string[] = [];
    const progress: RebuildProgress[] = [];

    await rebuilder.rebuild('toy_rebuilt', {
      onProgress: async (step) => {
        progress.push(step);
        const [{ count }] = await dataSource.query('SELECT count(*)::integer AS count FROM toy_rebuilt_seen');
        readsDuring.push(count);
        if (progress.length % 5 === 0) {
          const event = testEvent('RebuiltCounted', { during: progress.length });
          await store.appendToStream(newStreamId(), [event], { expectedVersion: 'no_stream' });
          appendedDuring.push(event.eventId);
        }
        if (progress.length === 2) await expect(rebuilder.rebuild('toy_rebuilt')).rejects.toThrow(RebuildAlreadyRunningError);
      },
    });

    expect(progress.length).toBeGreaterThan(10);
    expect(progress[progress.length - 1].done).toBe(progress[progress.length - 1].total);
    // Never empty, never half-built: every read during the rebuild saw at least what was there before.
    expect(Math.min(...readsDuring)).toBeGreaterThanOrEqual(before);
    expect(appendedDuring.length).toBeGreaterThan(1);

    await eventually('toy_rebuilt catches up after the swap', caughtUp);
    const seen = (await toySnapshot(dataSource, 'toy_rebuilt')).seen;
    expect(seen).toHaveLength(before + appendedDuring.length);
    expect(seen.every((row) => row.times === 1)).toBe(true);
    expect(seen.map((row) => row.event_id)).toEqual(expect.arrayContaining(appendedDuring));
  });

  describeOnRealServer('from the command line, while the service runs', () => {
    it('rebuilds with a progress bar (events done, events/s, ETA) and leaves the same tables', async () => {
      await eventually('toy_rebuilt catches up', caughtUp);
      const before = await toySnapshot(dataSource, 'toy_rebuilt');
      const cli = runTypeScript('test/projections/support/toy-rebuild.cli.ts', ['--projection', 'toy_rebuilt'], {
        DATABASE_URL: testDatabaseUrl(),
        NEWSDESK_RUN_MIGRATIONS: 'false',
      });
      expect(await cli.exited).toBe(0);
      expect(cli.output()).toMatch(/toy_rebuilt \[.*\] 100% \| (\d+)\/\1 events \| \d+ events\/s \| ETA/);
      expect(cli.output()).toMatch(/toy_rebuilt: rebuilt from \d+ events, checkpoint at position \d+/);
      expect(await toySnapshot(dataSource, 'toy_rebuilt')).toEqual(before);
    });

    it('refuses an unknown projection, naming the known ones', async () => {
      const cli = runTypeScript('test/projections/support/toy-rebuild.cli.ts', ['--projection', 'no_such'], {
        DATABASE_URL: testDatabaseUrl(),
        NEWSDESK_RUN_MIGRATIONS: 'false',
      });
      expect(await cli.exited).toBe(1);
      // The service's own projections are registered too; the toy must be among the names given.
      expect(cli.output()).toMatch(/newsdesk: Unknown projection "no_such" \(known: [a-z_, ]*\btoy_rebuilt\b[a-z_, ]*\)/);
    });
  });
});
