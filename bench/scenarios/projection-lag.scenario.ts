import { Client } from 'pg';
import { BenchContext, BenchScenario } from '../harness/bench-context';
import { BenchRow } from '../harness/bench-report';
import { prepareCasualtyReportLoad } from '../harness/casualty-report-load';
import { Deployment, deploymentLabel, withOwnService } from '../harness/own-service';
import { runLoad } from '../harness/load-run';
import { percentile, repeatMeasurement, spreadOf } from '../harness/statistics';
/** One 201 in this many is followed by a read; enough samples without the reads becoming the load. */
const SAMPLE_EVERY = 10;
const MAX_READS_IN_FLIGHT = 4;

/**
 * Under scenario 2's write load: from the moment a 201 arrives to the moment
 * `GET /stories/:id/casualties?minPosition=<its position>` answers 200 (the service holds the read
 * until the casualty projection has applied that position). The figure includes one read's round
 * trip, so it slightly overstates the lag itself.
 */
export const projectionLagScenario: BenchScenario = {
  id: 4,
  title: 'Projection lag under the write load',
  async run(context) {
    const rows: BenchRow[] = [];
    for (const deployment of ['one-process', 'separate-projector', 'two-workers'] as const) {
      rows.push(...(await withOwnService(context, (own) => measureLag(own, deployment), deployment)));
    }
    return rows;
  },
};

async function measureLag(context: BenchContext, deployment: Deployment): Promise<BenchRow[]> {
  const where = deploymentLabel(deployment);
  const load = await prepareCasualtyReportLoad(context, 'lag');
  const runs = await repeatMeasurement({ warmups: 1, runs: context.sizes.runs }, async () => {
    const lags: number[] = [];
    const reads: Promise<void>[] = [];
    let inFlight = 0;
    let notReached = 0;
    let seen = 0;
    await runLoad(
      load((status, body) => {
        if (status !== 201 || ++seen % SAMPLE_EVERY !== 0 || inFlight >= MAX_READS_IN_FLIGHT) return;
        const acknowledgedAt = performance.now();
        const { storyId, position } = JSON.parse(body) as { storyId: string; position: number };
        inFlight++;
        reads.push(
          context.consumer
            .request('GET', `/stories/${storyId}/casualties?minPosition=${position}`)
            .then((answer) => {
              if (answer.status === 200) lags.push(performance.now() - acknowledgedAt);
              else notReached++;
            })
            .finally(() => inFlight--),
        );
      }),
    );
    const behind = await eventsBehind(context.database.url);
    await Promise.all(reads);
    return { p50: percentile(lags, 0.5), p99: percentile(lags, 0.99), samples: lags.length, notReached, behind };
  });
  const notReached = runs.reduce((sum, run) => sum + run.notReached, 0);
  const p99 = spreadOf(runs.map((run) => run.p99));
  return [
    { scenario: 4, metric: `casualty projection behind the store when the load stops, ${where}`, unit: 'events', value: spreadOf(runs.map((run) => run.behind)) },
    { scenario: 4, metric: `projection lag p50, ${where}`, unit: 'ms', value: spreadOf(runs.map((run) => run.p50)), note: `${runs[0]?.samples ?? 0} samples per run` },
    { scenario: 4, metric: `projection lag p99, ${where}`, unit: 'ms', value: p99, target: '< 250', met: p99.median < 250 && notReached === 0, note: notReached ? `${notReached} reads not reached within the wait (503)` : undefined },
  ];
}

/** How many positions the casualty projection's checkpoint is behind the store's head right now. */
async function eventsBehind(databaseUrl: string): Promise<number> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ behind: string }>(
      `SELECT (SELECT coalesce(max(position), 0) FROM events) - coalesce((SELECT position FROM projection_checkpoints WHERE name = 'casualty_tallies'), 0) AS behind`,
    );
    return Number(rows[0].behind);
  } finally {
    await client.end();
  }
}
