import { join } from 'node:path';
import { ApiClient } from './harness/api-client';
import { BenchContext, BenchScenario, BenchSizes } from './harness/bench-context';
import { createScratchDatabase } from './harness/bench-database';
import { generateBenchKeys } from './harness/bench-keys';
import { BenchRow, describeMachine, formatTable, writeResults } from './harness/bench-report';
import { assertNodeAccepts, parseRunArguments } from './harness/cli-arguments';
import { ServiceProcess } from './harness/service-process';
import { apiAppendsScenario } from './scenarios/api-appends.scenario';
import { batchCostScenario } from './scenarios/batch-cost.scenario';
import { feedScenario } from './scenarios/feed.scenario';
import { growingStoriesScenario } from './scenarios/growing-stories.scenario';
import { longStreamsScenario } from './scenarios/long-streams.scenario';
import { projectionLagScenario } from './scenarios/projection-lag.scenario';
import { rawBaselineScenario } from './scenarios/raw-baseline.scenario';
import { readsScenario } from './scenarios/reads.scenario';
import { rebuildScenario } from './scenarios/rebuild.scenario';

const SCENARIOS: BenchScenario[] = [
  rawBaselineScenario,
  apiAppendsScenario,
  longStreamsScenario,
  projectionLagScenario,
  rebuildScenario,
  readsScenario,
  feedScenario,
  growingStoriesScenario,
  batchCostScenario,
];

const FULL: BenchSizes = { loadSeconds: 10, runs: 5, rebuildEvents: 1_000_000, longStreamEvents: 10_000, catchUpEvents: 10_000 };
const QUICK: BenchSizes = { loadSeconds: 2, runs: 3, rebuildEvents: 20_000, longStreamEvents: 10_000, catchUpEvents: 1_000 };

/**
 * `npm run bench`: a fresh database on DATABASE_URL's server (default the local PostgreSQL), the
 * compiled service as a child process, every scenario (or `--scenario N`), a table on stdout and
 * `bench/results/<date>.json`. The database is dropped at the end, whatever happened.
 */
async function main(): Promise<void> {
  const { scenarios: chosen, sizes, cpuProfile, nodeFlags } = parseRunArguments(process.argv.slice(2), FULL, QUICK);
  assertNodeAccepts(nodeFlags);
  const unknown = chosen.filter((id) => !SCENARIOS.some((scenario) => scenario.id === id));
  if (unknown.length > 0) throw new Error(`no scenario ${unknown.join(', ')}: the scenarios are ${SCENARIOS.map((scenario) => scenario.id).join(', ')}`);
  const selected = SCENARIOS.filter((scenario) => chosen.length === 0 || chosen.includes(scenario.id)).sort((a, b) => a.id - b.id);
  const database = await createScratchDatabase('newsdesk_bench');
  const keys = generateBenchKeys();
  let service: ServiceProcess | undefined;
  const serviceNodeFlags = [...(cpuProfile ? ['--cpu-prof', `--cpu-prof-dir=${join(__dirname, 'profiles')}`] : []), ...nodeFlags];
  const rows: BenchRow[] = [];
  const log = (message: string) => process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
  try {
    service = await ServiceProcess.start({
      databaseUrl: database.url,
      apiKeys: keys.variable,
      nodeFlags: serviceNodeFlags,
    });
    const context: BenchContext = {
      database,
      service,
      keys,
      reporter: new ApiClient(service.url, keys.reporter),
      editor: new ApiClient(service.url, keys.editor),
      consumer: new ApiClient(service.url, keys.consumer),
      sizes,
      serviceNodeFlags,
      rows,
      log,
    };
    log(`database ${database.name}, service pid ${service.pid}, machine ${JSON.stringify(describeMachine())}`);
    for (const scenario of selected) {
      log(`scenario ${scenario.id}: ${scenario.title}`);
      rows.push(...(await scenario.run(context)));
    }
  } finally {
    await service?.stop();
    await database.drop();
  }
  const table = formatTable(rows);
  process.stdout.write(`${table}\n`);
  const path = writeResults(rows, { command: `npm run bench -- ${process.argv.slice(2).join(' ')}`.trim(), sizes, table });
  log(`results written to ${path}`);
}

main().catch((error: Error) => {
  process.stderr.write(`bench: ${error.stack ?? error.message}\n`);
  process.exit(1);
});
