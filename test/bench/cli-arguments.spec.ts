import { assertNodeAccepts, parseRunArguments } from '../../bench/harness/cli-arguments';
import type { BenchSizes } from '../../bench/harness/bench-context';

const FULL: BenchSizes = { loadSeconds: 10, runs: 5, rebuildEvents: 1_000_000, longStreamEvents: 10_000, catchUpEvents: 10_000 };
const QUICK: BenchSizes = { loadSeconds: 2, runs: 3, rebuildEvents: 20_000, longStreamEvents: 10_000, catchUpEvents: 1_000 };

describe('npm run bench arguments', () => {
  it('runs every scenario at full size with no profiler and no extra node options by default', () => {
    expect(parseRunArguments([], FULL, QUICK)).toEqual({ scenarios: [], sizes: FULL, cpuProfile: false, nodeFlags: [] });
  });

  it('takes scenarios, sizes, --cpu-prof and node options, in any order', () => {
    const parsed = parseRunArguments(
      ['--node-flag', '--perf-basic-prof', '--scenario', '2', '--quick', '--node-flag', '--max-semi-space-size=64', '--events', '50000', '--cpu-prof', '--scenario', '9'],
      FULL,
      QUICK,
    );
    expect(parsed).toEqual({
      scenarios: [2, 9],
      sizes: { ...QUICK, rebuildEvents: 50_000 },
      cpuProfile: true,
      nodeFlags: ['--perf-basic-prof', '--max-semi-space-size=64'],
    });
  });

  it.each([
    [['--node-flag'], /--node-flag needs a node option/],
    [['--node-flag', '--scenario'], /--node-flag needs a node option/],
    [['--node-flag', 'max-semi-space-size=64'], /--node-flag needs a node option/],
    [['--events', '1e6'], /--events needs a whole number/],
    [['--profile'], /unknown argument --profile/],
  ])('refuses %j, saying how it is used', (argv, message) => {
    expect(() => parseRunArguments(argv as string[], FULL, QUICK)).toThrow(message);
    expect(() => parseRunArguments(argv as string[], FULL, QUICK)).toThrow(/usage: npm run bench --/);
  });
});

describe('node options for the bench', () => {
  it('accepts what node accepts, and refuses what it refuses with node\'s own words', () => {
    expect(() => assertNodeAccepts([])).not.toThrow();
    expect(() => assertNodeAccepts(['--max-semi-space-size=64', '--stack-trace-limit=20'])).not.toThrow();
    expect(() => assertNodeAccepts(['--max-semi-spaces-size=64'])).toThrow(/node refuses --node-flag --max-semi-spaces-size=64: .*bad option/);
  });
});
