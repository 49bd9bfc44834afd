import { Client } from 'pg';
import { BenchContext, BenchScenario } from '../harness/bench-context';
import { createScratchDatabase } from '../harness/bench-database';
import { BenchRow } from '../harness/bench-report';
import { CpuMeter, CpuRun, cpuRows } from '../harness/cpu-meter';
import { seedStoryStreams } from '../harness/event-seeding';
import { waitForProjectionsAtHead } from '../harness/projection-process';
import { delay, ServiceProcess } from '../harness/service-process';
import { repeatMeasurement, spreadOf } from '../harness/statistics';

/** Live batches under scenario 2's load hold about ten events; the largest is the default batch size. */
const BATCH_SIZES = [10, 50, 500] as const;
const EVENTS_PER_STORY = 200;
/** The service must not find the seeded events by polling before the meter runs: only the NOTIFY wakes it. */
const POLL_MS = 60_000;
const CATCH_UP_TIMEOUT_MS = 600_000;

/**
 * What a projection batch costs around its rows: a service catches up on events seeded in bulk,
 * with `NEWSDESK_PROJECTION_BATCH_SIZE` at 10 (what a live load gives), 50 and 500. Per event, the
 * CPU of the service and of PostgreSQL from the NOTIFY that wakes it to the moment every
 * checkpoint reaches the head (process start and seeding outside the measurement); the difference
 * between the sizes is what the statements around each batch cost. Each measurement has a
 * database of its own; the sizes take turns within each run, so a slow spell of the machine
 * falls on all of them.
 */
export const batchCostScenario: BenchScenario = {
  id: 9,
  title: 'Projection batches: catch-up cost per event by batch size',
  async run(context) {
    const events = Math.max(1, Math.round(context.sizes.catchUpEvents / EVENTS_PER_STORY)) * EVENTS_PER_STORY;
    const bySize = new Map<number, { rate: number; cpu?: CpuRun }[]>(BATCH_SIZES.map((size) => [size, []]));
    await repeatMeasurement({ warmups: 1, runs: context.sizes.runs }, async (run) => {
      for (const size of BATCH_SIZES) {
        const measured = await catchUp(context, size, events);
        if (run >= 0) bySize.get(size)!.push(measured);
      }
    });
    const rows: BenchRow[] = [];
    for (const size of BATCH_SIZES) {
      const runs = bySize.get(size)!;
      const label = `batches of ${size}`;
      rows.push(
        { scenario: 9, metric: `projection catch-up, ${label}`, unit: 'events/s', value: spreadOf(runs.map((one) => one.rate)), note: `${events.toLocaleString('en-US')} events, all projections` },
        ...cpuRows(9, { per: `per event, catch-up in ${label}`, ceiling: `CPU ceiling on the catch-up in ${label}` }, runs.map((one) => one.cpu), 'µs'),
      );
    }
    return rows;
  },
};

/** One catch-up of `events` seeded events by a service applying batches of `batchSize`. */
async function catchUp(context: BenchContext, batchSize: number, events: number): Promise<{ rate: number; cpu?: CpuRun }> {
  const database = await createScratchDatabase('newsdesk_bench');
  const client = new Client({ connectionString: database.url });
  let service: ServiceProcess | undefined;
  try {
    service = await ServiceProcess.start({
      databaseUrl: database.url,
      apiKeys: context.keys.variable,
      nodeFlags: context.serviceNodeFlags,
      env: { NEWSDESK_PROJECTION_BATCH_SIZE: String(batchSize), NEWSDESK_PROJECTION_POLL_MS: String(POLL_MS) },
    });
    await client.connect();
    // Every loop has begun its first turn (its checkpoint row exists); half a second more for that
    // turn's read of the still empty log, after which it sleeps for the poll interval.
    const projections = await registeredProjections(service.url);
    await untilCheckpointRows(client, projections);
    await delay(500);
    // Seeded rows send no NOTIFY: the loops sleep on until the one below.
    await seedStoryStreams(client, { stories: events / EVENTS_PER_STORY, eventsPerStory: EVENTS_PER_STORY });
    await client.query('ANALYZE events');
    const meter = CpuMeter.start(database.name, { service: service.pid });
    const started = performance.now();
    await client.query(`SELECT pg_notify('newsdesk_events', 'bench')`);
    // Every projection has its checkpoint row (above), so "none behind" is "all at the head"; looked at often, as it is timed.
    if (!(await waitForProjectionsAtHead(database.url, CATCH_UP_TIMEOUT_MS, { pollMs: 20 }))) {
      throw new Error(`projections did not catch up on ${events} events in batches of ${batchSize} within ${CATCH_UP_TIMEOUT_MS} ms`);
    }
    const seconds = (performance.now() - started) / 1_000;
    const cpu = meter?.stop();
    return { rate: events / seconds, cpu: cpu && { cpu, units: events } };
  } finally {
    await client.end().catch(() => undefined);
    await service?.stop();
    await database.drop();
  }
}

/** How many projections the service runs, from `/health` (which lists each). */
async function registeredProjections(serviceUrl: string): Promise<number> {
  const health = (await (await fetch(`${serviceUrl}/health`)).json()) as { projections?: unknown[] };
  if (!health.projections?.length) throw new Error(`the service's /health lists no projections: ${JSON.stringify(health)}`);
  return health.projections.length;
}

async function untilCheckpointRows(client: Client, projections: number): Promise<void> {
  const deadline = performance.now() + 30_000;
  while (Number((await client.query('SELECT count(*) AS n FROM projection_checkpoints')).rows[0].n) < projections) {
    if (performance.now() > deadline) throw new Error(`the service made no checkpoint row for some of its ${projections} projections within 30 s`);
    await delay(20);
  }
}
