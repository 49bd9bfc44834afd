import { BenchScenario } from '../harness/bench-context';
import { repeatMeasurement, spreadOf } from '../harness/statistics';

const PAGE = 1_000;
const MAX_PAGES = 2_000;

/** Events/s delivered by paging `GET /events` from position 0 with the largest page the API allows. */
export const feedScenario: BenchScenario = {
  id: 7,
  title: 'Event feed paging from 0',
  async run(context) {
    const rates = await repeatMeasurement({ warmups: 1, runs: context.sizes.runs }, async () => {
      let after = 0;
      let delivered = 0;
      const started = performance.now();
      for (let page = 0; page < MAX_PAGES; page++) {
        const answer = await context.consumer.request('GET', `/events?after=${after}&limit=${PAGE}`);
        if (answer.status !== 200) throw new Error(`GET /events answered ${answer.status}`);
        const events: { position: number }[] = answer.body.events;
        if (events.length === 0) break;
        delivered += events.length;
        after = events[events.length - 1].position;
      }
      return { rate: delivered / ((performance.now() - started) / 1_000), delivered };
    });
    return [
      {
        scenario: 7,
        metric: 'feed paging',
        unit: 'events/s',
        value: spreadOf(rates.map((run) => run.rate)),
        note: `${rates[0]?.delivered.toLocaleString('en-US')} events, pages of ${PAGE}`,
      },
    ];
  },
};
