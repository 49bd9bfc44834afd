import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { seedStoryStreams } from '../../bench/harness/event-seeding';
import { copyFloor } from '../../bench/harness/rebuild-floor';
import { dataSourceOptions } from '../../src/database/data-source-options';
import { describeOnRealServer, separateTestDatabase } from '../support/test-database';

// The floor reads every event of its database: it gets one of its own, with nothing but its seed.
describeOnRealServer('the rebuild floor (bench scenario 5)', () => {
  const database = separateTestDatabase('floor');
  let reader: Client;
  let writer: Client;

  beforeAll(async () => {
    await database.create();
    const migrator = new DataSource(dataSourceOptions({ url: database.url, poolSize: 1, runMigrations: false }));
    await migrator.initialize();
    try {
      await migrator.runMigrations({ transaction: 'each' });
    } finally {
      await migrator.destroy();
    }
    reader = new Client({ connectionString: database.url });
    writer = new Client({ connectionString: database.url });
    await reader.connect();
    await writer.connect();
    await seedStoryStreams(reader, { stories: 3, eventsPerStory: 25 });
  });

  afterAll(async () => {
    await reader?.end();
    await writer?.end();
    await database.drop();
  });

  const count = async (sql: string) => Number((await reader.query<{ n: string }>(sql)).rows[0].n);

  it('reads every event across batches and stores a version row for each and a history row for each report', async () => {
    const events = await count('SELECT count(*) AS n FROM events');
    const reports = await count(`SELECT count(*) AS n FROM events WHERE type = 'CasualtiesReported'`);
    expect(events).toBe(75);
    expect(reports).toBeGreaterThan(0);

    const run = await copyFloor(reader, writer, { batch: 10 });

    expect(run.events).toBe(events);
    // Counted by PostgreSQL's own COPY row counts, not by what was sent.
    expect(run.rows).toBe(events + reports);
    expect(run.seconds).toBeGreaterThan(0);
    expect(run.nodeSeconds).toBeGreaterThan(0);
    expect(run.postgresSeconds).toBeGreaterThanOrEqual(0);
  });

  it('escapes what COPY would split on, and leaves no copy behind', async () => {
    const storyId = randomUUID();
    await reader.query(
      `INSERT INTO events (stream_id, stream_version, event_id, type, schema_version, data, metadata, recorded_at)
       VALUES ($1, 1, $2, 'CasualtiesReported', 1, $3, $4, now())`,
      [`story-${storyId}`, randomUUID(), { note: 'a\ttab, a\nnewline, a \\ backslash, a\r return' }, { actorId: 'desk\tone\\two' }],
    );
    const events = await count('SELECT count(*) AS n FROM events');
    const reports = await count(`SELECT count(*) AS n FROM events WHERE type = 'CasualtiesReported'`);

    const run = await copyFloor(reader, writer);

    expect(run.rows).toBe(events + reports);
    expect(await count(`SELECT count(*) AS n FROM pg_class WHERE relname LIKE 'bench_floor_%'`)).toBe(0);
  });
});
