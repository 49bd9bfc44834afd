import { parseRunArguments } from './cli-arguments';

export const COMPARE_USAGE = 'usage: npm run bench:compare -- <revision> [--rounds N] [--keep-worktree] [--scenario N]... [--events N] [--quick] [--node-flag --option=value]...';
const MAX_ROUNDS = 10;
/** `bench.cli.ts` flags followed by a value (which is not the revision). */
const BENCH_FLAGS_WITH_VALUES = new Set(['--scenario', '--events', '--node-flag']);
const ANY_SIZES = { loadSeconds: 0, runs: 0, rebuildEvents: 0, longStreamEvents: 0, catchUpEvents: 0 };

export interface CompareArguments {
  revision: string;
  rounds: number;
  keepWorktree: boolean;
  /** Passed to every `bench.cli.ts` run as they are. */
  benchArguments: string[];
  /** The `--node-flag` options among them, for a check before anything is built. */
  nodeFlags: string[];
}

/** `<revision>`, `--rounds N` (default 2), `--keep-worktree`, and the bench's own arguments; refuses what the bench would refuse before anything is built. */
export function parseCompareArguments(argv: readonly string[]): CompareArguments {
  const rest: string[] = [];
  let revision: string | undefined;
  let rounds = 2;
  let keepWorktree = false;
  for (let index = 0; index < argv.length; index++) {
    const flag = argv[index];
    if (flag === '--rounds') {
      const text = argv[++index];
      if (!text || !/^\d+$/.test(text) || Number(text) < 1 || Number(text) > MAX_ROUNDS) throw new Error(`--rounds needs a whole number from 1 to ${MAX_ROUNDS}\n${COMPARE_USAGE}`);
      rounds = Number(text);
    } else if (flag === '--keep-worktree') keepWorktree = true;
    else if (BENCH_FLAGS_WITH_VALUES.has(flag)) rest.push(flag, argv[++index] ?? '');
    else if (!flag.startsWith('--') && revision === undefined) revision = flag;
    else rest.push(flag);
  }
  if (revision === undefined) throw new Error(`name the revision to compare with\n${COMPARE_USAGE}`);
  // Refused here, before anything is built, rather than by the first run.
  const { cpuProfile, nodeFlags } = parseRunArguments(rest, ANY_SIZES, ANY_SIZES);
  if (cpuProfile) throw new Error(`--cpu-prof does not compare: profile one side with npm run bench\n${COMPARE_USAGE}`);
  return { revision, rounds, keepWorktree, benchArguments: rest, nodeFlags };
}

