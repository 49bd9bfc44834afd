import { BenchContext, BenchScenario } from '../harness/bench-context';
import { BenchRow } from '../harness/bench-report';
import { seedStories } from '../harness/event-seeding';
import { deploymentLabel, withOwnService } from '../harness/own-service';
import { percentile, repeatMeasurement, spreadOf } from '../harness/statistics';
import { casualtyReportBody } from '../harness/story-bodies';

const APPENDS_PER_RUN = 200;

/**
 * Append latency on a story of 10 events against one of 10,000 (seeded in bulk, so the service has
 * never folded it): the cost of a write must not grow with the story's length. The first write to
 * the long story (a cold fold of the whole stream) is reported on its own line. Measured on the
 * run's service (projections running beside the writes, on the same cores), then on a service with
 * no projections running: the write path by itself.
 */
export const longStreamsScenario: BenchScenario = {
  id: 3,
  title: 'Long streams (10 vs 10,000 events)',
  async run(context) {
    const rows = await measureLongStreams(context, '');
    rows.push(...(await withOwnService(context, (own) => measureLongStreams(own, `, ${deploymentLabel('no-projections')}`), 'no-projections')));
    return rows;
  },
};

async function measureLongStreams(context: BenchContext, where: string): Promise<BenchRow[]> {
  const [shortStory, longStory] = await seedStories(context.database.url, [10, context.sizes.longStreamEvents]);
  const coldStarted = performance.now();
  await context.reporter.create(`/stories/${longStory}/casualty-reports`, casualtyReportBody(0));
  const coldFold = performance.now() - coldStarted;

  let counter = 0;
  const medianLatency = async (storyId: string) => {
    const latencies: number[] = [];
    for (let index = 0; index < APPENDS_PER_RUN; index++) {
      const started = performance.now();
      await context.reporter.create(`/stories/${storyId}/casualty-reports`, casualtyReportBody(++counter));
      latencies.push(performance.now() - started);
    }
    return percentile(latencies, 0.5);
  };
  const pairs = await repeatMeasurement({ warmups: 1, runs: context.sizes.runs }, async () => ({
    short: await medianLatency(shortStory),
    long: await medianLatency(longStory),
  }));
  const ratios = pairs.map((pair) => pair.long / pair.short);
  return [
    { scenario: 3, metric: `append p50, 10-event story${where}`, unit: 'ms', value: spreadOf(pairs.map((pair) => pair.short)) },
    { scenario: 3, metric: `append p50, ${context.sizes.longStreamEvents.toLocaleString('en-US')}-event story${where}`, unit: 'ms', value: spreadOf(pairs.map((pair) => pair.long)) },
    { scenario: 3, metric: `long / short p50${where}`, unit: '×', value: spreadOf(ratios), target: '≤ 1.5', met: spreadOf(ratios).median <= 1.5 },
    { scenario: 3, metric: `first write to the long story (cold fold)${where}`, unit: 'ms', value: spreadOf([coldFold]) },
  ];
}
