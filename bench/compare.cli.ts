import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { resultsPath } from './harness/bench-report';
import { compareRuns, formatComparison, RunRows } from './harness/comparison';
import { assertNodeAccepts } from './harness/cli-arguments';
import { parseCompareArguments } from './harness/compare-arguments';
import { buildRevision, headRevision, RevisionBuild } from './harness/revision-build';
import { SERVICE_DIST_VARIABLE } from './harness/service-build';

/**
 * `npm run bench:compare -- <revision>`: the same bench on another revision of the service and on
 * this tree, in turn (base then head, head then base, …), `--rounds` times each, and a table of
 * every figure's round medians on both sides with the ratio. Both sides run this tree's harness;
 * only the service (its build, migrations and rebuild CLI) differs. On machines this noisy, a
 * before/after taken any other way mostly measures the hour it was taken in.
 */
async function main(): Promise<void> {
  const options = parseCompareArguments(process.argv.slice(2));
  // Before the base is built, not minutes later in its first run.
  assertNodeAccepts(options.nodeFlags);
  const log = (message: string) => process.stderr.write(`[compare ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
  const root = join(__dirname, '..');
  const head = headRevision(root);
  const headLabel = head.dirty ? `working tree (${head.sha.slice(0, 7)} + changes)` : `HEAD ${head.sha.slice(0, 7)}`;
  log(`building ${options.revision} in a worktree of its own`);
  const base = buildRevision(options.revision, { root, warn: log });
  const baseLabel = `${options.revision === base.sha ? '' : `${options.revision} `}${base.sha.slice(0, 7)}`;
  const results: { base: string[]; head: string[] } = { base: [], head: [] };
  try {
    for (let round = 0; round < options.rounds; round++) {
      // Alternating which goes first spreads the machine's drift over both.
      const order: ('base' | 'head')[] = round % 2 === 0 ? ['base', 'head'] : ['head', 'base'];
      for (const side of order) {
        log(`round ${round + 1} of ${options.rounds}: ${side === 'base' ? baseLabel : headLabel}`);
        results[side].push(await runBench(options.benchArguments, side === 'base' ? base : undefined));
      }
    }
  } finally {
    if (options.keepWorktree) log(`kept the worktree of ${base.revision}: ${join(base.dist, '..')}`);
    else base.remove();
  }
  const read = (path: string): RunRows => (JSON.parse(readFileSync(path, 'utf8')) as { rows: RunRows }).rows;
  const figures = compareRuns(results.base.map(read), results.head.map(read));
  const table = formatComparison(figures, { base: baseLabel, head: headLabel });
  process.stdout.write(`${table}\n`);
  const path = resultsPath('-compare');
  const command = `npm run bench:compare -- ${process.argv.slice(2).join(' ')}`;
  const files = (paths: string[]) => paths.map((file) => relative(root, file));
  const record = { date: new Date().toISOString(), command, base: { label: baseLabel, sha: base.sha, results: files(results.base) }, head: { label: headLabel, sha: head.sha, dirty: head.dirty, results: files(results.head) } };
  writeFileSync(path, JSON.stringify({ ...record, table, figures }, null, 2) + '\n');
  log(`comparison written to ${path}`);
}

/** One `bench.cli.ts` run against `build` (this tree's when undefined); resolves with its results file. */
function runBench(benchArguments: readonly string[], build: RevisionBuild | undefined): Promise<string> {
  const env = { ...process.env };
  if (build) env[SERVICE_DIST_VARIABLE] = build.dist;
  else delete env[SERVICE_DIST_VARIABLE];
  const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', join(__dirname, 'bench.cli.ts'), ...benchArguments], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let results: string | undefined;
  let errors = '';
  child.stdout.on('data', (chunk: Buffer) => process.stderr.write(chunk));
  child.stderr.on('data', (chunk: Buffer) => {
    process.stderr.write(chunk);
    const text = chunk.toString();
    errors = (errors + text).slice(-4_000);
    results = /results written to (\S+\.json)/.exec(text)?.[1] ?? results;
  });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 && results ? resolve(results) : reject(new Error(`the bench run exited with ${code}:\n${errors}`))));
  });
}

main().catch((error: Error) => {
  process.stderr.write(`bench:compare: ${error.message}\n`);
  process.exit(1);
});
