import { BenchScenario } from '../harness/bench-context';
import { BenchRow } from '../harness/bench-report';
import { LOAD_STORIES, prepareCasualtyReportLoad } from '../harness/casualty-report-load';
import { CpuMeter } from '../harness/cpu-meter';
import { runLoad } from '../harness/load-run';
import { leastSquaresSlope, spreadOf } from '../harness/statistics';

/**
 * Scenario 2's load on the run's service (projections in it) again and again on the same 100
 * stories: what an append costs as the stories it lands on grow. Scenario 3 holds the write path
 * to that promise; this holds the projections to it, which keep per story what its reports add up
 * to. After a warm-up load, `runs + 1` loads, one row each (single runs: read the trend, not one
 * figure), and the trend itself: how much the CPU of an append grows per report already in the
 * stories (the slope of a least-squares line through the loads, less swayed by one noisy load
 * than the last against the first).
 */
export const growingStoriesScenario: BenchScenario = {
  id: 8,
  title: 'Growing stories (scenario 2 again and again on the same stories)',
  async run(context) {
    const load = await prepareCasualtyReportLoad(context, 'growing');
    let reports = 0;
    const rounds: { reportsPerStory: number; rate: number; service?: number; postgres?: number }[] = [];
    for (let round = -1; round <= context.sizes.runs; round++) {
      const meter = CpuMeter.start(context.database.name, { service: context.service.pid });
      const result = await runLoad(load());
      const cpu = meter?.stop();
      const appends = result.statusCounts['2xx'] ?? 0;
      reports += appends;
      if (round < 0 || appends === 0) continue;
      rounds.push({
        reportsPerStory: Math.round(reports / LOAD_STORIES),
        rate: result.requestsPerSecond,
        service: cpu && (cpu.processes.service / appends) * 1e3,
        postgres: cpu && (cpu.postgres / appends) * 1e3,
      });
    }
    const rows: BenchRow[] = [];
    for (const { reportsPerStory, rate, service, postgres } of rounds) {
      const at = `stories at ${reportsPerStory} reports`;
      rows.push({ scenario: 8, metric: `API appends, ${at}`, unit: 'req/s', value: spreadOf([rate]) });
      if (service !== undefined && postgres !== undefined) {
        rows.push({ scenario: 8, metric: `CPU per append, ${at}: service process + PostgreSQL`, unit: 'ms', value: spreadOf([service + postgres]) });
      }
    }
    const measured = rounds.filter((round) => round.service !== undefined && round.postgres !== undefined);
    if (measured.length >= 2) {
      const slope = leastSquaresSlope(measured.map((round) => [round.reportsPerStory, (round.service! + round.postgres!) * 1e3]));
      rows.push({
        scenario: 8,
        metric: 'CPU per append (service process + PostgreSQL) per report already in the story, least squares over the loads',
        unit: 'µs',
        value: spreadOf([slope]),
        note: 'flat is 0',
      });
    }
    return rows;
  },
};
