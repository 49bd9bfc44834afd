import { randomUUID } from 'node:crypto';
import { ApiClient } from '../../bench/harness/api-client';
import { ServiceProcess } from '../../bench/harness/service-process';
import { casualtyReportBody, openStoryBody } from '../../bench/harness/story-bodies';
import { ChaosScenario, verdictOf } from '../harness/chaos-context';
import { countEvents } from '../harness/store-checks';

/** N concurrent sends of one request with one `Idempotency-Key`: one event stored, N identical answers. */
export const idempotentRetryStormScenario: ChaosScenario = {
  id: 4,
  name: 'Idempotent retry storm',
  async run(context) {
    const service = await ServiceProcess.start({ databaseUrl: context.database.url, apiKeys: context.keys.variable });
    try {
      const reporter = new ApiClient(service.url, context.keys.reporter);
      const { storyId } = await reporter.create('/stories', openStoryBody(`retry-storm-${Date.now()}`));
      const eventsBefore = await countEvents(context.database.url);
      const key = randomUUID();
      const body = casualtyReportBody(7);
      const answers = await Promise.all(
        Array.from({ length: context.sizes.retryStorm }, () =>
          reporter.request('POST', `/stories/${storyId}/casualty-reports`, body, { 'idempotency-key': key }).then(
            (answer) => `${answer.status} ${answer.headers.get('etag')} ${JSON.stringify(answer.body)}`,
            (error: Error) => `no answer: ${error.message}`,
          ),
        ),
      );
      const distinct = [...new Set(answers)];
      const stored = (await countEvents(context.database.url)) - eventsBefore;
      return verdictOf(this, `${answers.length} sends: ${distinct.length} distinct answer(s) (${distinct[0]?.slice(0, 120)}), ${stored} event(s) stored`, {
        'exactly one event stored': stored === 1,
        'every answer identical': distinct.length === 1,
        'the answer is a 201': distinct[0]?.startsWith('201 ') ?? false,
      });
    } finally {
      await service.stop();
    }
  },
};
