import { BenchContext, BenchScenario } from '../harness/bench-context';
import { BenchRow } from '../harness/bench-report';
import { CpuMeter, CpuSpent, cpuRows } from '../harness/cpu-meter';
import { prepareCasualtyReportLoad } from '../harness/casualty-report-load';
import { LoadResult, runLoad } from '../harness/load-run';
import { Deployment, deploymentLabel, withOwnService } from '../harness/own-service';
import { repeatMeasurement, spreadOf } from '../harness/statistics';

/**
 * `POST /stories/:id/casualty-reports` over HTTP, 16 connections spread over 100 stories: on the
 * run's service (one process, projections in it), then on a service whose projections run in a
 * second process, then on one with no projections running at all (the write path by itself, which
 * tells the API's own cost from the projections' on the same cores), then on one in two workers.
 */
export const apiAppendsScenario: BenchScenario = {
  id: 2,
  title: 'API appends (HTTP, 16 connections, 100 stories)',
  async run(context) {
    const rows = await measureAppends(context, 'one-process');
    rows.push(...(await withOwnService(context, (own) => measureAppends(own, 'separate-projector'), 'separate-projector')));
    rows.push(...(await withOwnService(context, (own) => measureAppends(own, 'no-projections'), 'no-projections')));
    rows.push(...(await withOwnService(context, (own) => measureAppends(own, 'two-workers'), 'two-workers')));
    return rows;
  },
};

async function measureAppends(context: BenchContext, deployment: Deployment): Promise<BenchRow[]> {
  const load = await prepareCasualtyReportLoad(context, 'api');
  const measured: { load: LoadResult; cpu?: CpuSpent }[] = await repeatMeasurement({ warmups: 1, runs: context.sizes.runs }, async () => {
    const processes: Record<string, number> = { service: context.service.pid };
    if (context.projector) processes.projector = context.projector.pid;
    const meter = CpuMeter.start(context.database.name, processes);
    const result = await runLoad(load());
    return { load: result, cpu: meter?.stop() };
  });
  const results = measured.map((run) => run.load);
  const failed = results.reduce((sum, result) => sum + result.errors + result.total - (result.statusCounts['2xx'] ?? 0), 0);
  const rates = spreadOf(results.map((result) => result.requestsPerSecond));
  const p99 = spreadOf(results.map((result) => result.p99));
  const raw = context.rows.find((row) => row.scenario === 1)?.value.median;
  const where = deploymentLabel(deployment);
  const rows: BenchRow[] = [
    { scenario: 2, metric: `API appends, ${where}`, unit: 'req/s', value: rates, target: '≥ 1,000', met: rates.median >= 1_000, note: failed ? `${failed} non-201 answers` : undefined },
    { scenario: 2, metric: `append latency p50, ${where}`, unit: 'ms', value: spreadOf(results.map((result) => result.p50)) },
    { scenario: 2, metric: `append latency p99, ${where}`, unit: 'ms', value: p99, target: '< 50', met: p99.median < 50 },
  ];
  if (raw) {
    const ratios = spreadOf(results.map((result) => (result.requestsPerSecond / raw) * 100));
    rows.push({ scenario: 2, metric: `API / raw baseline, ${where}`, unit: '%', value: ratios, target: '≥ 40', met: ratios.median >= 40 });
  }
  rows.push(...cpuRows(2, { per: `per append, ${where}`, ceiling: `CPU ceiling on appends, ${where}` }, measured.map(({ load, cpu }) => cpu && { cpu, units: load.statusCounts['2xx'] ?? 0 })));
  return rows;
}
