import { compareRuns, formatComparison, RunRows } from '../../bench/harness/comparison';
import { parseCompareArguments } from '../../bench/harness/compare-arguments';

const run = (figures: Record<string, number>): RunRows =>
  Object.entries(figures).map(([metric, median]) => ({ scenario: metric.startsWith('reads') ? 6 : 2, metric, unit: 'req/s', value: { median, min: median, max: median, runs: 5 } }));

describe('comparing bench runs of two revisions', () => {
  it("sets each figure's round medians side by side with the ratio of their medians", () => {
    const figures = compareRuns(
      [run({ appends: 900, 'reads casualties': 2_000 }), run({ appends: 1_000, 'reads casualties': 2_200 })],
      [run({ appends: 950, 'reads casualties': 3_000 }), run({ appends: 1_150, 'reads casualties': 3_400 })],
    );
    expect(figures).toEqual([
      { scenario: 2, metric: 'appends', unit: 'req/s', base: [900, 1_000], head: [950, 1_150], ratio: 1_050 / 950 },
      { scenario: 6, metric: 'reads casualties', unit: 'req/s', base: [2_000, 2_200], head: [3_000, 3_400], ratio: 3_200 / 2_100 },
    ]);
  });

  it('takes the middle round of an odd count, and leaves out a figure only one side measured', () => {
    const figures = compareRuns([run({ appends: 100 }), run({ appends: 300 }), run({ appends: 200 })], [run({ appends: 220, new: 5 }), run({ appends: 180 }), run({ appends: 400 })]);
    expect(figures).toEqual([{ scenario: 2, metric: 'appends', unit: 'req/s', base: [100, 300, 200], head: [220, 180, 400], ratio: 220 / 200 }]);
  });

  it('prints a Markdown table with every round and the ratio', () => {
    const table = formatComparison(compareRuns([run({ appends: 900 })], [run({ appends: 990 })]), { base: 'base 12f8560', head: 'head' });
    expect(table.split('\n')).toEqual([
      '| # | figure | base 12f8560 | head | head / base 12f8560 |',
      '| --- | --- | --- | --- | --- |',
      '| 2 | appends (req/s) | 900 | 990 | 1.10× |',
    ]);
  });
});

describe('npm run bench:compare arguments', () => {
  it('takes the revision, the rounds and the bench arguments, a scenario number not taken for the revision', () => {
    expect(parseCompareArguments(['--scenario', '2', 'main~3', '--quick', '--rounds', '3', '--scenario', '6'])).toEqual({
      revision: 'main~3',
      rounds: 3,
      keepWorktree: false,
      benchArguments: ['--scenario', '2', '--quick', '--scenario', '6'],
      nodeFlags: [],
    });
    expect(parseCompareArguments(['12f8560', '--keep-worktree'])).toEqual({ revision: '12f8560', rounds: 2, keepWorktree: true, benchArguments: [], nodeFlags: [] });
  });

  it('passes node options on to both sides, never taking one for the revision', () => {
    const parsed = parseCompareArguments(['--node-flag', '--max-semi-space-size=64', 'HEAD~1', '--scenario', '9']);
    expect(parsed.revision).toBe('HEAD~1');
    expect(parsed.benchArguments).toEqual(['--node-flag', '--max-semi-space-size=64', '--scenario', '9']);
    expect(parsed.nodeFlags).toEqual(['--max-semi-space-size=64']);
  });

  it.each([
    [[], /name the revision to compare with/],
    [['main', '--rounds', '0'], /--rounds needs a whole number from 1 to 10/],
    [['main', '--rounds'], /--rounds needs a whole number from 1 to 10/],
    [['main', '--scenario', 'two'], /--scenario needs a whole number/],
    [['main', '--fast'], /unknown argument --fast/],
    [['main', 'other'], /unknown argument other/],
    [['main', '--cpu-prof'], /--cpu-prof does not compare/],
    [['main', '--node-flag'], /--node-flag needs a node option/],
    [['main', '--node-flag', 'max-semi-space-size=64'], /--node-flag needs a node option/],
  ])('refuses %j before building anything', (argv, message) => {
    expect(() => parseCompareArguments(argv as string[])).toThrow(message);
  });
});
