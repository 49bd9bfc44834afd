import { spawnSync } from 'node:child_process';
import { BenchSizes } from './bench-context';

export interface RunArguments {
  /** Only these scenario numbers (`--scenario 2`, repeatable); all when empty. */
  scenarios: number[];
  sizes: BenchSizes;
  /** `--cpu-prof`: every service process the run starts writes a V8 CPU profile to bench/profiles/ when it stops. */
  cpuProfile: boolean;
  /** `--node-flag F` (repeatable): node options for every service, projector and rebuild process the run starts. */
  nodeFlags: string[];
}

/** The bench's own flags: never a node option, so `--node-flag --scenario` is a slip, not a request. */
const BENCH_FLAGS = new Set(['--scenario', '--events', '--quick', '--cpu-prof', '--node-flag']);

const USAGE = 'usage: npm run bench -- [--scenario N]... [--events N] [--quick] [--cpu-prof] [--node-flag --option=value]...';

/**
 * `--scenario N` (repeatable), `--events N` (rebuild seed size), `--quick` (short runs to check the
 * harness), `--cpu-prof`, and `--node-flag` (repeatable) for a node option to try on the service
 * (`--max-semi-space-size=64`) or for a profiler that reads CPU time rather than wall time
 * (`--perf-basic-prof` with `perf record`; BENCHMARKS.md says why that matters here).
 */
export function parseRunArguments(argv: readonly string[], defaults: BenchSizes, quick: BenchSizes): RunArguments {
  const scenarios: number[] = [];
  let sizes = defaults;
  let events: number | undefined;
  let cpuProfile = false;
  const nodeFlags: string[] = [];
  for (let index = 0; index < argv.length; index++) {
    const flag = argv[index];
    const value = () => {
      const text = argv[++index];
      if (!text || !/^\d+$/.test(text)) throw new Error(`${flag} needs a whole number\n${USAGE}`);
      return Number(text);
    };
    if (flag === '--scenario') scenarios.push(value());
    else if (flag === '--events') events = value();
    else if (flag === '--quick') sizes = quick;
    else if (flag === '--cpu-prof') cpuProfile = true;
    else if (flag === '--node-flag') {
      const option = argv[++index];
      if (!option || !/^--[a-z]/.test(option) || BENCH_FLAGS.has(option)) throw new Error(`--node-flag needs a node option, its value joined by = (--node-flag --max-semi-space-size=64)\n${USAGE}`);
      nodeFlags.push(option);
    }
    else throw new Error(`unknown argument ${flag}\n${USAGE}`);
  }
  return { scenarios, cpuProfile, nodeFlags, sizes: events === undefined ? sizes : { ...sizes, rebuildEvents: events } };
}

/**
 * Refuses node options node itself refuses (a typo, a flag of another version), by starting node
 * once with them: said now, not as a service that fails to start minutes into a run.
 */
export function assertNodeAccepts(flags: readonly string[]): void {
  if (flags.length === 0) return;
  const check = spawnSync(process.execPath, [...flags, '-e', ''], { encoding: 'utf8' });
  if (check.status !== 0) throw new Error(`node refuses --node-flag ${flags.join(' ')}: ${(check.stderr || check.error?.message || '').trim()}\n${USAGE}`);
}
