import { ApiClient } from '../../bench/harness/api-client';
import { delay, freePort, ServiceProcess } from '../../bench/harness/service-process';
import { openStoryBody } from '../../bench/harness/story-bodies';
import { ChaosScenario, verdictOf } from '../harness/chaos-context';
import { runRebuild, waitForProjectionsAtHead } from '../../bench/harness/projection-process';
import { differingTables, snapshotProjections } from '../harness/projection-snapshot';
import { auditStore } from '../harness/store-checks';
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
    const incremental = await snapshotProjections(context.database.url);
    const rebuild = await runRebuild(context.database.url);
    const rebuilt = await snapshotProjections(context.database.url);
    const differing = differingTables(incremental, rebuilt);
    const audit = await auditStore(context.database.url, acknowledged);
    return verdictOf(
      this,
      `${context.sizes.kills} kills, ${acknowledged.length} writes acknowledged, ${audit.events} events stored, ${incremental.size} projection tables compared`,
      {
        'every acknowledged write is stored at its version and position': audit.missingAcknowledged === 0,
        'no event id twice': audit.duplicateEventIds === 0,
        'every stream is versions 1..n': audit.streamsWithGaps === 0,
        'projections caught up after restart': caughtUp,
        [`rebuild exited 0 (${rebuild.output.trim().slice(-200)})`]: rebuild.code === 0,
        [`projections equal a full rebuild (differ: ${differing.join(', ') || 'none'})`]: differing.length === 0,
        'some writes were acknowledged': acknowledged.length > 0,
      },
    );
  },
};
