import { ApiClient } from '../../bench/harness/api-client';
import { delay, ServiceProcess } from '../../bench/harness/service-process';
import { openStoryBody } from '../../bench/harness/story-bodies';
import { ChaosScenario, verdictOf } from '../harness/chaos-context';
import { outageFromEnvironment } from '../harness/database-outages';
import { auditStore } from '../harness/store-checks';
import { runWriteLoad } from '../harness/write-load';

/**
 * The database goes away during a write load and comes back. By default a TCP proxy between the
 * service and the server is cut and restored, since the server may be shared; with
 * `CHAOS_PG_STOP` and `CHAOS_PG_START` set, the server itself is stopped and started
 * (`database-outages.ts`). The service must stay up, answer 503 meanwhile (never crash, never
 * 500), reconnect by itself and lose nothing it acknowledged.
 */
export const databaseOutageScenario: ChaosScenario = {
  id: 2,
  name: 'PostgreSQL goes away during writes',
  async run(context) {
    const outage = outageFromEnvironment();
    const scenario = { ...this, name: outage.name };
    const service = await ServiceProcess.start({ databaseUrl: await outage.setUp(context.database.url), apiKeys: context.keys.variable });
    try {
      const reporter = new ApiClient(service.url, context.keys.reporter);
      const storyIds: string[] = [];
      for (let index = 0; index < 10; index++) storyIds.push((await reporter.create('/stories', openStoryBody(`outage-${index}-${Date.now()}`))).storyId);

      const before = await runWriteLoad({ baseUrl: service.url, reporterKey: context.keys.reporter, storyIds, connections: 16, maxMs: 1_500 });
      const duringLoad = runWriteLoad({ baseUrl: service.url, reporterKey: context.keys.reporter, storyIds, connections: 16, maxMs: context.sizes.outageMs + 1_000 });
      await delay(500);
      await outage.cut();
      const health = await fetch(`${service.url}/health`).then((response) => response.status).catch(() => -1);
      await delay(context.sizes.outageMs);
      await outage.restore();
      const during = await duringLoad;

      // Reconnection: writes succeed again within a bounded wait, with nobody restarting anything.
      let recoveredAfterMs = -1;
      const restoredAt = Date.now();
      while (Date.now() - restoredAt < 30_000) {
        const answer = await reporter.request('POST', `/stories/${storyIds[0]}/statements`, { speaker: { name: 'Ivo Saric' }, text: 'The crossing is open again.', mode: 'quote' }).catch(() => undefined);
        if (answer?.status === 201) {
          recoveredAfterMs = Date.now() - restoredAt;
          break;
        }
        await delay(200);
      }
      const after = await runWriteLoad({ baseUrl: service.url, reporterKey: context.keys.reporter, storyIds, connections: 16, maxMs: 1_500 });
      const acknowledged = [...before.acknowledged, ...during.acknowledged, ...after.acknowledged];
      const audit = await auditStore(context.database.url, acknowledged);
      // 409 is the documented answer when two writers keep racing on one story (16 connections, 10 stories).
      const unexpected = Object.keys(during.statuses).filter((status) => !['201', '409', '503'].includes(status));
      return verdictOf(
        scenario,
        `cut ${context.sizes.outageMs} ms; during: ${JSON.stringify(during.statuses)}; /health while cut: ${health}; writes again ${recoveredAfterMs} ms after restore; ${acknowledged.length} acknowledged`,
        {
          'the service stayed up (no exit)': !(await hasExited(service)),
          [`answers during the cut were 201, 409 or 503 only (${unexpected.join(', ')})`]: unexpected.length === 0,
          '503 answered while the database was away': (during.statuses['503'] ?? 0) > 0,
          '/health answered 503 while cut': health === 503,
          'writes succeeded again after restore': recoveredAfterMs >= 0 && (after.statuses['201'] ?? 0) > 0,
          'every acknowledged write is stored': audit.missingAcknowledged === 0,
          'no event id twice, no gaps': audit.duplicateEventIds === 0 && audit.streamsWithGaps === 0,
        },
      );
    } finally {
      await service.stop();
      await outage.tearDown();
    }
  },
};

async function hasExited(service: ServiceProcess): Promise<boolean> {
  return fetch(`${service.url}/health`, { signal: AbortSignal.timeout(3_000) }).then(
    () => false,
    () => true,
  );
}
