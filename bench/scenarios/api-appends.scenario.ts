import { BenchScenario } from '../harness/bench-context';
import { prepareCasualtyReportLoad } from '../harness/casualty-report-load';
import { LoadResult, runLoad } from '../harness/load-run';
import { repeatMeasurement, spreadOf } from '../harness/statistics';

/** `POST /stories/:id/casualty-reports` over HTTP, 16 connections spread over 100 stories. */
export const apiAppendsScenario: BenchScenario = {
  id: 2,
  title: 'API appends (HTTP, 16 connections, 100 stories)',
  async run(context) {
    const load = await prepareCasualtyReportLoad(context, 'api');
    const results: LoadResult[] = await repeatMeasurement({ warmups: 1, runs: context.sizes.runs }, () => runLoad(load()));
    const failed = results.reduce((sum, result) => sum + result.errors + result.total - (result.statusCounts['2xx'] ?? 0), 0);
    const rates = results.map((result) => result.requestsPerSecond);
    const raw = context.rows.find((row) => row.scenario === 1)?.value.median;
    const rows = [
      { scenario: 2, metric: 'API appends', unit: 'req/s', value: spreadOf(rates), target: '≥ 1,000', met: spreadOf(rates).median >= 1_000, note: failed ? `${failed} non-201 answers` : undefined },
      { scenario: 2, metric: 'append latency p50', unit: 'ms', value: spreadOf(results.map((result) => result.p50)) },
      { scenario: 2, metric: 'append latency p99', unit: 'ms', value: spreadOf(results.map((result) => result.p99)), target: '< 50', met: spreadOf(results.map((result) => result.p99)).median < 50 },
    ];
    if (raw) {
      const ratios = rates.map((rate) => (rate / raw) * 100);
      rows.push({ scenario: 2, metric: 'API / raw baseline', unit: '%', value: spreadOf(ratios), target: '≥ 40', met: spreadOf(ratios).median >= 40 });
    }
    return rows;
  },
};
