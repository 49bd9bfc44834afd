import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { testEvent } from '../support/event-factory';
import { describeOnRealServer, testDatabaseUrl } from '../support/test-database';

/**
 * Every append runs under the ordering lock, so a probe that reads the whole events table slows
 * every writer and gets slower as the table grows. These tests read the plans PostgreSQL actually
 * runs inside the append functions (auto_explain, nested statements) on a small events table, the
 * size at which the planner preferred a sequential scan to the event-id index (migration
 * 1764203300000).
 */
describeOnRealServer('append plans', () => {
  const schema = `append_plans_${randomUUID().replace(/-/g, '')}`;
  let client: Client;
  const plans: string[] = [];

  beforeAll(async () => {
    client = new Client({ connectionString: testDatabaseUrl() });
    await client.connect();
    // An events table of its own, found first on the search path by the append functions: small
    // whatever the other suites have appended to the shared one.
    await client.query(`CREATE SCHEMA ${schema}`);
    await client.query(`CREATE TABLE ${schema}.events (LIKE public.events INCLUDING ALL)`);
    await client.query(
      `INSERT INTO ${schema}.events (stream_id, stream_version, event_id, type, schema_version, data, metadata, recorded_at)
       SELECT 'story-' || (s % 50), s / 50 + 1, gen_random_uuid(), 'Seeded', 1, jsonb_build_object('n', s), '{}', now()
         FROM generate_series(0, 1999) AS s`,
    );
    await client.query(`ANALYZE ${schema}.events`);
    await client.query(`SET search_path = ${schema}, public`);
    await client.query(`LOAD 'auto_explain'`);
    for (const setting of ['auto_explain.log_min_duration = 0', 'auto_explain.log_nested_statements = on', 'auto_explain.log_level = notice']) {
      await client.query(`SET ${setting}`);
    }
    client.on('notice', (notice) => plans.push(notice.message ?? ''));
  });

  afterAll(async () => {
    await client.query('RESET search_path').catch(() => undefined);
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).catch(() => undefined);
    await client.end();
  });

  beforeEach(() => plans.splice(0));

  /** An event as the store hands it to the append functions. */
  const stored = () => ({ ...testEvent('Probed'), schemaVersion: 1 });

  /** The plans of the statements that probe events by id (each names the unique index or scans the table). */
  function probePlans(): string[] {
    return plans.filter((plan) => /event_id = \(\(n\.ev/.test(plan));
  }

  it('append_to_stream probes each event id through the unique index, for a new append and for its replay', async () => {
    const events = JSON.stringify([stored(), stored()]);
    const append = () => client.query(`SELECT * FROM append_to_stream('story-probe-1', 'any', $1::jsonb, now())`, [events]);
    const first = await append();
    const replay = await append();
    expect(replay.rows).toEqual(first.rows);

    const probes = probePlans();
    // The first append's probe, then the replay's probe and its lookup of the stored rows.
    expect(probes.length).toBeGreaterThanOrEqual(3);
    for (const plan of probes) {
      expect(plan).toContain('events_event_id_key');
      expect(plan).not.toMatch(/Seq Scan on events/);
    }
  });

  it('append_batch probes every append of the group through the unique index', async () => {
    const appends = Array.from({ length: 8 }, (_, index) => ({ streamId: `story-probe-batch-${index}`, expected: 'any', events: [stored()] }));
    const { rows } = await client.query(`SELECT * FROM append_batch($1::jsonb, now())`, [JSON.stringify(appends)]);
    expect(rows.map((row) => row.outcome)).toEqual(Array(8).fill('appended'));

    const probes = probePlans();
    expect(probes.length).toBeGreaterThanOrEqual(8);
    for (const plan of probes) expect(plan).not.toMatch(/Seq Scan on events/);
  });
});
