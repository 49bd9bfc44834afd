import { Client } from 'pg';
import { BenchScenario } from '../harness/bench-context';
import { seedStoryStreams } from '../harness/event-seeding';
import { percentile, repeatMeasurement, spreadOf } from '../harness/statistics';
import { casualtyReportBody } from '../harness/story-bodies';

const APPENDS_PER_RUN = 200;

/**
 * Append latency on a story of 10 events against one of 10,000 (seeded in bulk, so the service has
 * never folded it): the cost of a write must not grow with the story's length. The first write to
 * the long story (a cold fold of the whole stream) is reported on its own line.
 */
export const longStreamsScenario: BenchScenario = {
  id: 3,
  title: 'Long streams (10 vs 10,000 events)',
  async run(context) {
    const client = new Client({ connectionString: context.database.url });
    await client.connect();
    let shortStory: string;
    let longStory: string;
    try {
      [shortStory] = await seedStoryStreams(client, { stories: 1, eventsPerStory: 10 });
      [longStory] = await seedStoryStreams(client, { stories: 1, eventsPerStory: context.sizes.longStreamEvents });
    } finally {
      await client.end();
    }
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
      { scenario: 3, metric: 'append p50, 10-event story', unit: 'ms', value: spreadOf(pairs.map((pair) => pair.short)) },
      { scenario: 3, metric: `append p50, ${context.sizes.longStreamEvents.toLocaleString('en-US')}-event story`, unit: 'ms', value: spreadOf(pairs.map((pair) => pair.long)) },
      { scenario: 3, metric: 'long / short p50', unit: '×', value: spreadOf(ratios), target: '≤ 1.5', met: spreadOf(ratios).median <= 1.5 },
      { scenario: 3, metric: 'first write to the long story (cold fold)', unit: 'ms', value: spreadOf([coldFold]) },
    ];
  },
};
