import { ApiClient } from '../../bench/harness/api-client';
import { waitForProjectionsAtHead } from '../../bench/harness/projection-process';
import { descendantsOf } from '../../bench/harness/process-tree';
import { delay, ServiceProcess } from '../../bench/harness/service-process';
import { openStoryBody } from '../../bench/harness/story-bodies';
import { checkAfterFaults } from '../harness/after-faults';
import { ChaosScenario, verdictOf } from '../harness/chaos-context';
import { countEvents } from '../harness/store-checks';
import { AcknowledgedWrite, runWriteLoad } from '../harness/write-load';

/**
 * The service in two workers (`NEWSDESK_WORKERS=2`) under a 16-connection write load that never
 * stops: N times, SIGKILL the oldest worker (the first one holds the projections). The other must
 * keep taking writes while the primary starts a replacement, which must come to listen; in the end every 201 is in the store
 * once and the projections, applied by whichever worker held them, equal a rebuild. A kill comes
 * 6–8 s after the previous replacement listened, so the victim has lived past the supervisor's
 * "died young" mark and is replaced at once.
 */
export const killWorkerScenario: ChaosScenario = {
  id: 6,
  name: 'SIGKILL a worker during writes (two workers)',
  async run(context) {
    const service = await ServiceProcess.start({ databaseUrl: context.database.url, apiKeys: context.keys.variable, env: { NEWSDESK_WORKERS: '2' } });
    const appeared: number[] = [];
    const workers = () => {
      const live = descendantsOf(service.pid);
      for (const pid of live) if (!appeared.includes(pid)) appeared.push(pid);
      return appeared.filter((pid) => live.includes(pid));
    };
    let caughtUp = false;
    let replaced = 0;
    let servedWhileDown = 0;
    let acknowledged: AcknowledgedWrite[] = [];
    try {
      if (workers().length !== 2) throw new Error(`found ${workers().length} workers under the service's process ${service.pid}, not 2 (this run reads /proc: Linux only)`);
      const reporter = new ApiClient(service.url, context.keys.reporter);
      const storyIds: string[] = [];
      for (let index = 0; index < 20; index++) storyIds.push((await reporter.create('/stories', openStoryBody(`worker-${index}-${Date.now()}`))).storyId);
      let stopLoad!: () => void;
      const load = runWriteLoad({ baseUrl: service.url, reporterKey: context.keys.reporter, storyIds, connections: 16, maxMs: 30 * 60_000, stop: new Promise((resolve) => (stopLoad = resolve)) });
      for (let kill = 1; kill <= context.sizes.kills; kill++) {
        await delay(6_000 + Math.floor(Math.random() * 2_000));
        const [victim] = workers();
        const known = new Set(workers());
        const before = await countEvents(context.database.url);
        process.kill(victim, 'SIGKILL');
        // The other worker serves alone until the replacement listens (compiled, it starts in about a second).
        await delay(1_000);
        const during = await countEvents(context.database.url);
        if (during > before) servedWhileDown++;
        const back = await replacementListening(service, known, workers);
        if (back) replaced++;
        context.log(`kill ${kill}/${context.sizes.kills}: worker ${victim}; ${during - before} events stored in the next second; ${back ? `replaced by ${back}` : 'NOT replaced within 30 s'}`);
      }
      stopLoad();
      acknowledged = (await load).acknowledged;
      caughtUp = await waitForProjectionsAtHead(context.database.url, 60_000);
    } finally {
      await service.stop();
    }
    const after = await checkAfterFaults(context.database.url, acknowledged, caughtUp);
    return verdictOf(
      this,
      `${context.sizes.kills} workers killed, ${replaced} replaced, writes stored in the second after the kill in ${servedWhileDown} of ${context.sizes.kills}; ${acknowledged.length} writes acknowledged, ${after.events} events stored, ${after.tables} projection tables compared`,
      {
        ...after.checks,
        'every killed worker was replaced': replaced === context.sizes.kills,
        'writes were stored in the second after every kill': servedWhileDown === context.sizes.kills,
      },
    );
  },
};

/** A worker that was not there before the kill (`known`), once it has said it listens (within 30 s); undefined if none did. */
async function replacementListening(service: ServiceProcess, known: ReadonlySet<number>, workers: () => number[]): Promise<number | undefined> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const replacement = workers().find((pid) => !known.has(pid) && new RegExp(`\\[Nest\\] ${pid} .*Listening on`).test(service.recentOutput()));
    if (replacement !== undefined && workers().length === 2) return replacement;
    await delay(100);
  }
  return undefined;
}
