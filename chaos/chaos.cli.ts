import { createScratchDatabase } from '../bench/harness/bench-database';
import { generateBenchKeys } from '../bench/harness/bench-keys';
import { ChaosScenario, ChaosSizes, Verdict } from './harness/chaos-context';
import { concurrentIfMatchScenario } from './scenarios/concurrent-if-match.scenario';
import { databaseOutageScenario } from './scenarios/database-outage.scenario';
import { hostileInputScenario } from './scenarios/hostile-input.scenario';
import { idempotentRetryStormScenario } from './scenarios/idempotent-retry-storm.scenario';
import { killDuringWritesScenario } from './scenarios/kill-during-writes.scenario';
import { killWorkerScenario } from './scenarios/kill-worker.scenario';

const SCENARIOS: ChaosScenario[] = [
  killDuringWritesScenario,
  databaseOutageScenario,
  concurrentIfMatchScenario,
  idempotentRetryStormScenario,
  hostileInputScenario,
  killWorkerScenario,
];

const FULL: ChaosSizes = { kills: 20, outageMs: 5_000, ifMatchWriters: 50, retryStorm: 100, hostileRequests: 5_000 };
const SHORT: ChaosSizes = { kills: 4, outageMs: 3_000, ifMatchWriters: 50, retryStorm: 100, hostileRequests: 800 };

const USAGE = 'usage: npm run chaos -- [--short] [--scenario N]...';

/**
 * `npm run chaos`: each fault run on its own fresh database (dropped afterwards) against the
 * compiled service, each ending with a `VERDICT` line; exits 1 when any verdict fails. `--short`
 * is the CI run. `CHAOS_SEED` replays a hostile-input run.
 */
async function main(): Promise<number> {
  const args = process.argv.slice(2);
  let sizes = FULL;
  const chosen: number[] = [];
  for (let index = 0; index < args.length; index++) {
    if (args[index] === '--short') sizes = SHORT;
    else if (args[index] === '--scenario' && /^\d+$/.test(args[index + 1] ?? '')) chosen.push(Number(args[++index]));
    else throw new Error(`unknown argument ${args[index]}\n${USAGE}`);
  }
  const keys = generateBenchKeys();
  const log = (message: string) => process.stderr.write(`[chaos ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
  const verdicts: Verdict[] = [];
  for (const scenario of SCENARIOS.filter((candidate) => chosen.length === 0 || chosen.includes(candidate.id))) {
    log(`scenario ${scenario.id}: ${scenario.name}`);
    const database = await createScratchDatabase('newsdesk_chaos');
    let verdict: Verdict;
    try {
      verdict = await scenario.run({ database, keys, sizes, log });
    } catch (error) {
      verdict = { scenario: scenario.id, name: scenario.name, passed: false, detail: `the run itself failed: ${(error as Error).stack ?? error}` };
    } finally {
      await database.drop();
    }
    verdicts.push(verdict);
    process.stdout.write(`VERDICT chaos ${verdict.scenario} ${verdict.name}: ${verdict.passed ? 'PASS' : 'FAIL'} — ${verdict.detail}\n`);
  }
  const failed = verdicts.filter((verdict) => !verdict.passed).length;
  process.stdout.write(`chaos: ${verdicts.length - failed}/${verdicts.length} passed\n`);
  return failed === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    process.stderr.write(`chaos: ${error.stack ?? error.message}\n`);
    process.exit(2);
  },
);
