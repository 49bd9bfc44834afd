import { BenchRow, formatNumber } from './bench-report';

/** The rows of one `bench/results/*.json` file: one whole bench run of one side. */
export type RunRows = readonly Pick<BenchRow, 'scenario' | 'metric' | 'unit' | 'value'>[];

/** One figure measured on both sides, round by round. */
export interface ComparedFigure {
  scenario: number;
  metric: string;
  unit: string;
  /** Each round's median on the base revision, in the order the rounds ran. */
  base: number[];
  /** The same on the working tree. */
  head: number[];
  /** Median of the head's medians over median of the base's (the mean of the middle two for an even count): 1.10 = ten percent higher on head. */
  ratio: number;
}

/**
 * Lines the runs of the two sides up figure by figure, in the order the figures first appear.
 * A figure only one side measured (a scenario added or renamed between them) is left out: there is
 * nothing to compare it with.
 */
export function compareRuns(base: readonly RunRows[], head: readonly RunRows[]): ComparedFigure[] {
  const key = (row: RunRows[number]) => `${row.scenario}\u0000${row.metric}\u0000${row.unit}`;
  const medians = (runs: readonly RunRows[]) => {
    const byFigure = new Map<string, number[]>();
    for (const rows of runs) for (const row of rows) byFigure.set(key(row), [...(byFigure.get(key(row)) ?? []), row.value.median]);
    return byFigure;
  };
  const baseMedians = medians(base);
  const headMedians = medians(head);
  const figures: ComparedFigure[] = [];
  const seen = new Set<string>();
  for (const row of [...base, ...head].flat()) {
    const id = key(row);
    if (seen.has(id)) continue;
    seen.add(id);
    const before = baseMedians.get(id);
    const after = headMedians.get(id);
    if (!before || !after) continue;
    figures.push({ scenario: row.scenario, metric: row.metric, unit: row.unit, base: before, head: after, ratio: middle(after) / middle(before) });
  }
  return figures;
}

/** The comparison as a Markdown table, every round's median on each side and the ratio. */
export function formatComparison(figures: readonly ComparedFigure[], labels: { base: string; head: string }): string {
  const lines = [`| # | figure | ${labels.base} | ${labels.head} | ${labels.head} / ${labels.base} |`, '| --- | --- | --- | --- | --- |'];
  for (const figure of figures) {
    const rounds = (values: readonly number[]) => values.map(formatNumber).join(' / ');
    const ratio = Number.isFinite(figure.ratio) ? `${figure.ratio.toFixed(2)}×` : 'n/a';
    lines.push(`| ${figure.scenario} | ${figure.metric} (${figure.unit}) | ${rounds(figure.base)} | ${rounds(figure.head)} | ${ratio} |`);
  }
  return lines.join('\n');
}

/** The median, halfway between the middle two of an even count (two rounds must not quote the lower). */
function middle(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const half = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[half] : (sorted[half - 1] + sorted[half]) / 2;
}
