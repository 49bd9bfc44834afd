import { ApiClient } from '../../bench/harness/api-client';
import { delay, freePort, ServiceProcess } from '../../bench/harness/service-process';
import { openStoryBody } from '../../bench/harness/story-bodies';
import { ChaosScenario, verdictOf } from '../harness/chaos-context';
import { waitForProjectionsAtHead } from '../../bench/harness/projection-process';
import { checkAfterFaults } from '../harness/after-faults';
import { AcknowledgedWrite, runWriteLoad } from '../harness/write-load';

/**
 * SIGKILL the service at a random moment of a 16-connection write load, N times, restarting it
 * each time: every 201 must be in the store, no event twice, streams without gaps, and once the
 * last service has caught up its projection tables must equal a full rebuild.
 */
export const killDuringWritesScenario: ChaosScenario = {
  id: 1,
  name: 'SIGKILL during writes',
  async run(context) {
    const port = await freePort();
    const start = () => ServiceProcess.start({ databaseUrl: context.database.url, apiKeys: context.keys.variable, port });
    let service = await start();
    const reporter = new ApiClient(service.url, context.keys.reporter);
    const storyIds: string[] = [];
    for (let index = 0; index < 20; index++) storyIds.push((await reporter.create('/stories', openStoryBody(`kill-${index}-${Date.now()}`))).storyId);

    const acknowledged: AcknowledgedWrite[] = [];
    for (let kill = 1; kill <= context.sizes.kills; kill++) {
      const killAfterMs = 150 + Math.floor(Math.random() * 1_200);
      const killed = delay(killAfterMs).then(() => service.kill());
      const outcome = await runWriteLoad({ baseUrl: service.url, reporterKey: context.keys.reporter, storyIds, connections: 16, maxMs: 10_000, stop: killed });
      await killed;
      acknowledged.push(...outcome.acknowledged);
      context.log(`kill ${kill}/${context.sizes.kills} after ${killAfterMs} ms: ${outcome.acknowledged.length} acknowledged`);
      service = await start();
    }
    const caughtUp = await waitForProjectionsAtHead(context.database.url, 60_000);
    await service.stop();
    const after = await checkAfterFaults(context.database.url, acknowledged, caughtUp);
    return verdictOf(this, `${context.sizes.kills} kills, ${acknowledged.length} writes acknowledged, ${after.events} events stored, ${after.tables} projection tables compared`, after.checks);
  },
};
