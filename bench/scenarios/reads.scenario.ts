import { ApiClient } from '../harness/api-client';
import { BenchRow } from '../harness/bench-report';
import { BenchContext, BenchScenario } from '../harness/bench-context';
import { Deployment, deploymentLabel, withOwnService } from '../harness/own-service';
import { seedStories } from '../harness/event-seeding';
import { waitForProjectionsAtHead } from '../harness/projection-process';
import { CpuMeter, cpuRows } from '../harness/cpu-meter';
import { runLoad } from '../harness/load-run';
import { repeatMeasurement, spreadOf } from '../harness/statistics';

const CONNECTIONS = 16;

/**
 * Read throughput on seeded stories once the projections have caught up:
 * `GET /stories/:id/casualties` on a 100-event story, and `GET /stories/:id/diff?from=1&to=2000`
 * on a 2,000-event one; on the service in one process, then in two workers (`NEWSDESK_WORKERS=2`).
 */
export const readsScenario: BenchScenario = {
  id: 6,
  title: 'Reads: casualties and a 1→2,000 diff',
  async run(context) {
    const rows: BenchRow[] = [];
    for (const deployment of ['one-process', 'two-workers'] as const) {
      rows.push(...(await withOwnService(context, (own) => measureReads(own, deployment), deployment)));
    }
    return rows;
  },
};

async function measureReads(context: BenchContext, deployment: Deployment): Promise<BenchRow[]> {
  // The one-process rows keep the names of earlier runs' results.
  const where = deployment === 'one-process' ? '' : `, ${deploymentLabel(deployment)}`;
  const [typical, long] = await seedStories(context.database.url, [100, 2_000]);
  if (!(await waitForProjectionsAtHead(context.database.url, 120_000))) context.log('projections did not catch up within 120 s; reads may be of partial state');
  const rows: BenchRow[] = [];
  const targets: { metric: string; path: string; key: string; target?: number }[] = [
    { metric: `GET casualties (100-event story)${where}`, path: `/stories/${typical}/casualties`, key: context.keys.consumer, target: 2_000 },
    { metric: `GET diff 1→2,000${where}`, path: `/stories/${long}/diff?from=1&to=2000`, key: context.keys.consumer },
  ];
  for (const { metric, path, key, target } of targets) {
    const probe = await new ApiClient(context.service.url, key).request('GET', path);
    if (probe.status !== 200) {
      rows.push({ scenario: 6, metric, unit: 'req/s', value: spreadOf([]), note: `not measured: answered ${probe.status} ${JSON.stringify(probe.body).slice(0, 200)}` });
      continue;
    }
    const measured = await repeatMeasurement({ warmups: 1, runs: context.sizes.runs }, async () => {
      const meter = CpuMeter.start(context.database.name, { service: context.service.pid });
      const run = await runLoad({ url: context.service.url, connections: CONNECTIONS, durationSeconds: context.sizes.loadSeconds, headers: { authorization: `Bearer ${key}` }, nextRequest: () => ({ path }) });
      const cpu = meter?.stop();
      return { run, cpu: cpu && { cpu, units: run.statusCounts['2xx'] ?? 0 } };
    });
    const runs = measured.map(({ run }) => run);
    const failed = runs.reduce((sum, run) => sum + run.total - (run.statusCounts['2xx'] ?? 0), 0);
    const rate = spreadOf(runs.map((run) => run.requestsPerSecond));
    rows.push({
      scenario: 6,
      metric,
      unit: 'req/s',
      value: rate,
      ...(target ? { target: `≥ ${target.toLocaleString('en-US')}`, met: rate.median >= target } : {}),
      note: failed ? `${failed} non-200 answers` : `${Buffer.byteLength(JSON.stringify(probe.body)).toLocaleString('en-US')} bytes`,
    });
    rows.push({ scenario: 6, metric: `${metric} p99`, unit: 'ms', value: spreadOf(runs.map((run) => run.p99)) });
    if (target) rows.push(...cpuRows(6, { per: `per read, ${metric}`, ceiling: `CPU ceiling on ${metric}` }, measured.map(({ cpu }) => cpu)));
  }
  return rows;
}
