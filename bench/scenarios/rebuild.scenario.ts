import { cpus } from 'node:os';
import { Client } from 'pg';
import { BenchRow } from '../harness/bench-report';
import { BenchScenario } from '../harness/bench-context';
import { createScratchDatabase } from '../harness/bench-database';
import { CpuMeter, cpuRows } from '../harness/cpu-meter';
import { seedStoryStreams } from '../harness/event-seeding';
import { runRebuild } from '../harness/projection-process';
import { copyFloor, FloorRun } from '../harness/rebuild-floor';
import { ServiceProcess } from '../harness/service-process';
import { repeatMeasurement, spreadOf } from '../harness/statistics';

const EVENTS_PER_STORY = 200;
const RAW_PAGE = 10_000;

/**
 * Seeds a quarter of `--events` (bulk, the domain's own mix), rebuilds every projection with
 * `projections:rebuild`, then seeds up to the full count and rebuilds again: events/s and the
 * rebuild process's peak RSS at both sizes (flat memory means the second is no larger). Beside it,
 * the rate of simply streaming the same events out of PostgreSQL with `pg`, and the ratio; and the
 * rebuild floor (`copyFloor`): reading them and copying two of the projections' rows back, folding nothing.
 * Runs in a database of its own so the other scenarios' figures are not taken on a million events.
 */
export const rebuildScenario: BenchScenario = {
  id: 5,
  title: 'Rebuild every projection from seeded events',
  async run(context) {
    const database = await createScratchDatabase('newsdesk_bench');
    const rows: BenchRow[] = [];
    try {
      // The service runs the migrations; with its runner off nothing is projected before the rebuild.
      const migrator = await ServiceProcess.start({ databaseUrl: database.url, apiKeys: context.keys.variable, env: { NEWSDESK_PROJECTIONS: 'off' } });
      await migrator.stop();
      const client = new Client({ connectionString: database.url });
      await client.connect();
      // The floor's writes, beside the reads on `client`.
      const writer = new Client({ connectionString: database.url });
      await writer.connect();
      const total = context.sizes.rebuildEvents;
      const quarterStories = Math.max(1, Math.round(total / 4 / EVENTS_PER_STORY));
      const allStories = Math.max(quarterStories, Math.round(total / EVENTS_PER_STORY));
      try {
        for (const [label, stories] of [
          ['quarter', quarterStories],
          ['full', allStories - quarterStories],
        ] as const) {
          const seedStarted = performance.now();
          if (stories > 0) await seedStoryStreams(client, { stories, eventsPerStory: EVENTS_PER_STORY });
          await client.query('ANALYZE events');
          const events = Number((await client.query('SELECT count(*) AS n FROM events')).rows[0].n);
          context.log(`rebuild: seeded to ${events.toLocaleString('en-US')} events in ${Math.round(performance.now() - seedStarted)} ms`);

          // No warm-up and at most two runs: each rebuild starts a process of its own, and they are long.
          const rebuilds = await repeatMeasurement({ warmups: 0, runs: Math.min(context.sizes.runs, 2) }, async () => {
            const meter = CpuMeter.start(database.name);
            const started = performance.now();
            const outcome = await runRebuild(database.url, { nodeFlags: context.serviceNodeFlags, onStart: (pid) => meter?.add('rebuild', pid) });
            const seconds = (performance.now() - started) / 1_000;
            const cpu = meter?.stop();
            if (outcome.code !== 0) throw new Error(`projections:rebuild exited ${outcome.code}: ${outcome.output}`);
            return { rate: events / seconds, peakRss: outcome.peakRssBytes / 1024 ** 2, cpu: cpu && { cpu, units: events } };
          });
          const raw = await repeatMeasurement({ warmups: 1, runs: Math.min(context.sizes.runs, 3) }, () => streamAllEvents(client));
          const floors = await repeatMeasurement({ warmups: 1, runs: Math.min(context.sizes.runs, 3) }, () => copyFloor(client, writer));
          const rate = spreadOf(rebuilds.map((run) => run.rate));
          const peak = spreadOf(rebuilds.map((run) => run.peakRss));
          const size = `${events.toLocaleString('en-US')} events`;
          rows.push(
            { scenario: 5, metric: `rebuild, ${size}`, unit: 'events/s', value: rate, target: '≥ 50,000', met: rate.median >= 50_000 },
            { scenario: 5, metric: `rebuild peak RSS, ${size}`, unit: 'MB', value: peak, target: '< 400', met: peak.max < 400 },
            { scenario: 5, metric: `raw pg streaming, ${size}`, unit: 'events/s', value: spreadOf(raw) },
            { scenario: 5, metric: `rebuild / raw streaming, ${size}`, unit: '%', value: spreadOf(rebuilds.map((run, index) => (run.rate / raw[Math.min(index, raw.length - 1)]) * 100)) },
            ...cpuRows(5, { per: `per event, rebuild of ${size}`, ceiling: `CPU ceiling on the rebuild of ${size}` }, rebuilds.map((run) => run.cpu), 'µs'),
            ...floorRows(size, floors, rate.median),
          );
        }
      } finally {
        await client.end();
        await writer.end();
      }
    } finally {
      await database.drop();
    }
    return rows;
  },
};

/**
 * The rebuild floor's rows (see `copyFloor`): its rate, the rebuild's share of it, its CPU per event
 * in Node (this process) and PostgreSQL, and the rate that CPU allows on this machine's cores.
 */
function floorRows(size: string, floors: readonly FloorRun[], rebuildRate: number): BenchRow[] {
  const rates = floors.map((run) => run.events / run.seconds);
  const rows: BenchRow[] = [
    { scenario: 5, metric: `rebuild floor (read the log, COPY a version row per event and a history row per report back, fold nothing), ${size}`, unit: 'events/s', value: spreadOf(rates) },
    { scenario: 5, metric: `rebuild / rebuild floor, ${size}`, unit: '%', value: spreadOf(rates.map((rate) => (rebuildRate / rate) * 100)) },
    { scenario: 5, metric: `CPU per event, rebuild floor, ${size}: Node`, unit: 'µs', value: spreadOf(floors.map((run) => (run.nodeSeconds / run.events) * 1e6)) },
  ];
  const metered = floors.filter((run): run is FloorRun & { postgresSeconds: number } => run.postgresSeconds !== undefined);
  if (metered.length === 0) return rows;
  return [
    ...rows,
    { scenario: 5, metric: `CPU per event, rebuild floor, ${size}: PostgreSQL`, unit: 'µs', value: spreadOf(metered.map((run) => (run.postgresSeconds / run.events) * 1e6)) },
    {
      scenario: 5,
      metric: `CPU ceiling on the rebuild floor, ${size} (${cpus().length} cores)`,
      unit: '/s',
      value: spreadOf(metered.map((run) => (cpus().length * run.events) / (run.nodeSeconds + run.postgresSeconds))),
    },
  ];
}

/** Every event in position order, keyset-paged, rows parsed by `pg` as the store's reader would get them. */
async function streamAllEvents(client: Client): Promise<number> {
  const started = performance.now();
  let after = 0;
  let streamed = 0;
  for (;;) {
    const { rows } = await client.query(
      'SELECT position, stream_id, stream_version, event_id, type, schema_version, data, metadata, recorded_at FROM events WHERE position > $1 ORDER BY position LIMIT $2',
      [after, RAW_PAGE],
    );
    if (rows.length === 0) break;
    streamed += rows.length;
    after = Number(rows[rows.length - 1].position);
  }
  return streamed / ((performance.now() - started) / 1_000);
}
