import { ApiClient } from '../../bench/harness/api-client';
import { ServiceProcess } from '../../bench/harness/service-process';
import { casualtyReportBody, openStoryBody } from '../../bench/harness/story-bodies';
import { ChaosScenario, verdictOf } from '../harness/chaos-context';
import { auditStore } from '../harness/store-checks';

const ATTEMPTS_PER_WRITER = 4;

/**
 * N writers on one story, each sending `If-Match` with the version it last saw (from its last 201
 * or the 412's `currentVersion`), a few attempts each, all at once: successes + 412s = attempts,
 * and the stream holds exactly the opening event and the successes, versions 1..n.
 */
export const concurrentIfMatchScenario: ChaosScenario = {
  id: 3,
  name: 'Concurrent If-Match writers on one story',
  async run(context) {
    const service = await ServiceProcess.start({ databaseUrl: context.database.url, apiKeys: context.keys.variable });
    try {
      const reporter = new ApiClient(service.url, context.keys.reporter);
      const { storyId } = await reporter.create('/stories', openStoryBody(`if-match-${Date.now()}`));
      const statuses: Record<string, number> = {};
      const successes: { eventId: string; version: number; position: number; storyId: string }[] = [];
      await Promise.all(
        Array.from({ length: context.sizes.ifMatchWriters }, async (_, writer) => {
          let seen = 1;
          for (let attempt = 0; attempt < ATTEMPTS_PER_WRITER; attempt++) {
            const answer = await reporter.request('POST', `/stories/${storyId}/casualty-reports`, casualtyReportBody(writer * 10 + attempt), { 'if-match': `"${seen}"` });
            statuses[answer.status] = (statuses[answer.status] ?? 0) + 1;
            if (answer.status === 201) {
              successes.push(answer.body);
              seen = answer.body.version;
            } else if (answer.status === 412) {
              seen = answer.body.currentVersion ?? seen;
            }
          }
        }),
      );
      const attempts = context.sizes.ifMatchWriters * ATTEMPTS_PER_WRITER;
      const stream = await reporter.request('GET', `/stories/${storyId}/events?limit=1000`);
      const events: { eventId: string; version: number }[] = stream.body?.events ?? stream.body?.items ?? [];
      const versions = events.map((event) => event.version);
      const storedIds = new Set(events.map((event) => event.eventId));
      const audit = await auditStore(context.database.url, successes);
      return verdictOf(this, `${attempts} attempts: ${successes.length} × 201, ${statuses[412] ?? 0} × 412; stream has ${events.length} events`, {
        'successes + 412s = attempts': successes.length + (statuses[412] ?? 0) === attempts,
        'the stream read answered 200': stream.status === 200,
        'the stream has the opening event and exactly the successes': events.length === successes.length + 1 && successes.every((success) => storedIds.has(success.eventId)),
        'versions are 1..n': versions.every((version, index) => version === index + 1),
        'every success is stored at the version it was told': audit.missingAcknowledged === 0,
        'no two successes got the same version': new Set(successes.map((success) => success.version)).size === successes.length,
      });
    } finally {
      await service.stop();
    }
  },
};
