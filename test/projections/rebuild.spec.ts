import { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { EventStore } from '../../src/event-store/event-store';
import { ProjectionRunner } from '../../src/projections/projection-runner';
import { RebuildAlreadyRunningError } from '../../src/projections/projections.errors';
import { ProjectionRebuilder, RebuildProgress, RebuildResult } from '../../src/projections/rebuild/projection-rebuilder';
import { newStreamId, testEvent } from '../support/event-factory';
import { describeOnRealServer, openTestDataSource, testAppConfig, testDatabaseUrl } from '../support/test-database';
import { runTypeScript } from './support/child-process';
import { eventually, startToyApp } from './support/toy-app';
import { createToyTables, toyCounter, toySnapshot } from './support/toy-projections';

const Rebuilt = toyCounter('toy_rebuilt', 'RebuiltCounted');
const Partner = toyCounter('toy_partner', 'PartnerCounted');

describe('rebuilding a projection', () => {
  let dataSource: DataSource;
  let app: INestApplication;
  let store: EventStore;
  let runner: ProjectionRunner;
  let rebuilder: ProjectionRebuilder;

  beforeAll(async () => {
    dataSource = await openTestDataSource(4);
    await createToyTables(dataSource, 'toy_rebuilt');
    await createToyTables(dataSource, 'toy_partner');
    // Small rebuild batches, so a rebuild here spans many of them (and many read-aheads).
    app = await startToyApp(testAppConfig({ NEWSDESK_PROJECTION_BATCH_SIZE: '100', NEWSDESK_REBUILD_BATCH_SIZE: '100' }), [Rebuilt, Partner]);
    store = app.get(EventStore);
    runner = app.get(ProjectionRunner);
    rebuilder = app.get(ProjectionRebuilder);
  });
  afterAll(async () => {
    await app?.close();
    await dataSource?.destroy();
  });

  const caughtUp = async () => (await runner.currentPosition('toy_rebuilt')) === (await store.headPosition());
  const bothCaughtUp = async () => (await caughtUp()) && (await runner.currentPosition('toy_partner')) === (await store.headPosition());
  const handledCount = async (type: string) =>
    Number((await dataSource.query(`SELECT count(*) AS n FROM events WHERE type = $1`, [type]))[0].n);

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
    // Only the events of the types it handles are read and counted.
    expect(result.events).toBe(await handledCount('RebuiltCounted'));
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

  it('rebuilds several projections in one pass, each equal to its incremental tables, each reading its own types only', async () => {
    for (let n = 0; n < 6; n += 1) {
      const events = Array.from({ length: 70 }, (_, i) => testEvent(['RebuiltCounted', 'PartnerCounted', 'Unrelated'][i % 3], { n, i }));
      await store.appendToStream(newStreamId(), events, { expectedVersion: 'no_stream' });
    }
    await eventually('both toys catch up', bothCaughtUp);
    const before = { rebuilt: await toySnapshot(dataSource, 'toy_rebuilt'), partner: await toySnapshot(dataSource, 'toy_partner') };
    const progress: RebuildProgress[] = [];

    const results = await rebuilder.rebuildTogether(['toy_rebuilt', 'toy_partner'], { onProgress: (step) => void progress.push(step) });

    expect(await toySnapshot(dataSource, 'toy_rebuilt')).toEqual(before.rebuilt);
    expect(await toySnapshot(dataSource, 'toy_partner')).toEqual(before.partner);
    const head = await store.headPosition();
    const events = (await handledCount('RebuiltCounted')) + (await handledCount('PartnerCounted'));
    expect(results).toEqual([
      { projection: 'toy_rebuilt', events, position: head },
      { projection: 'toy_partner', events, position: head },
    ]);
    expect(progress[0]).toMatchObject({ projection: 'toy_rebuilt, toy_partner', done: 0, total: events });
    expect(await runner.currentPosition('toy_partner')).toBe(head);
  });

  it('reaches the live checkpoint when the log ends in events the projection does not handle', async () => {
    await store.appendToStream(newStreamId(), [testEvent('RebuiltCounted', { last: true })], { expectedVersion: 'no_stream' });
    await store.appendToStream(newStreamId(), Array.from({ length: 5 }, (_, i) => testEvent('Unrelated', { i })), { expectedVersion: 'no_stream' });
    await eventually('toy_rebuilt catches up', caughtUp);
    const head = await store.headPosition();

    // Were the position that of the last handled event, the swap would wait for ever behind the live checkpoint.
    await expect(rebuilder.rebuild('toy_rebuilt')).resolves.toMatchObject({ position: head });
    expect(await runner.currentPosition('toy_rebuilt')).toBe(head);
  });

  /** A rebuild of `name` held at its first progress report until `release` is called. */
  async function heldRebuild(name: string): Promise<{ done: Promise<RebuildResult>; release: () => void }> {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let started!: () => void;
    const reported = new Promise<void>((resolve) => (started = resolve));
    const done = rebuilder.rebuild(name, {
      onProgress: () => {
        started();
        return held;
      },
    });
    await reported;
    return { done, release };
  }

  it('refuses to start when one of the projections is already being rebuilt, and leaves the other untouched', async () => {
    const { done: first, release } = await heldRebuild('toy_partner');
    await expect(rebuilder.rebuildTogether(['toy_rebuilt', 'toy_partner'])).rejects.toThrow(RebuildAlreadyRunningError);
    release();
    await first;
    // The refused pass dropped nothing of the running one and left no work schema behind.
    expect(await dataSource.query(`SELECT nspname FROM pg_namespace WHERE nspname LIKE 'projection_%'`)).toEqual([]);
    await expect(rebuilder.rebuild('toy_rebuilt')).resolves.toMatchObject({ projection: 'toy_rebuilt' });
  });

  it('rebuilds another projection while one is being rebuilt', async () => {
    const { done: partner, release } = await heldRebuild('toy_partner');

    await expect(rebuilder.rebuild('toy_rebuilt')).resolves.toMatchObject({ projection: 'toy_rebuilt', position: await store.headPosition() });
    release();
    await expect(partner).resolves.toMatchObject({ projection: 'toy_partner' });
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

    it('rebuilds every projection named by a repeated --projection in one pass, each once', async () => {
      await eventually('both toys catch up', bothCaughtUp);
      const before = await toySnapshot(dataSource, 'toy_rebuilt');
      const cli = runTypeScript('test/projections/support/toy-rebuild.cli.ts', ['--projection', 'toy_rebuilt', '--projection', 'statements', '--projection', 'toy_rebuilt'], {
        DATABASE_URL: testDatabaseUrl(),
        NEWSDESK_RUN_MIGRATIONS: 'false',
      });
      expect(await cli.exited).toBe(0);
      expect(cli.output()).toMatch(/toy_rebuilt, statements \[.*\] 100%/);
      const head = await store.headPosition();
      expect(cli.output().match(/^\w+: rebuilt from \d+ events, checkpoint at position \d+$/gm)).toEqual([
        expect.stringMatching(new RegExp(`^toy_rebuilt: .* position ${head}$`)),
        expect.stringMatching(new RegExp(`^statements: .* position ${head}$`)),
      ]);
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
