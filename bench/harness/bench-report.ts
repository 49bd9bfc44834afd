import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { Spread } from './statistics';

/** One line of the results table. */
export interface BenchRow {
  scenario: number;
  metric: string;
  unit: string;
  value: Spread;
  /** The issue's target, in words (`≥ 1000`), when it sets one. */
  target?: string;
  /** Whether the median meets the target; absent when there is none. */
  met?: boolean;
  note?: string;
}

export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return 'n/a';
  if (Math.abs(value) >= 100) return Math.round(value).toLocaleString('en-US');
  return value.toFixed(value >= 10 ? 1 : 2);
}

/** The table printed at the end of a run (and pasted into BENCHMARKS.md): Markdown, one row per figure. */
export function formatTable(rows: readonly BenchRow[]): string {
  const lines = ['| # | figure | median | min–max | runs | target | met |', '| --- | --- | --- | --- | --- | --- | --- |'];
  for (const row of rows) {
    const spread = `${formatNumber(row.value.min)}–${formatNumber(row.value.max)}`;
    const met = row.met === undefined ? '' : row.met ? 'yes' : '**no**';
    const figure = `${row.metric} (${row.unit})${row.note ? ` — ${row.note}` : ''}`;
    lines.push(`| ${row.scenario} | ${figure} | ${formatNumber(row.value.median)} | ${spread} | ${row.value.runs} | ${row.target ?? ''} | ${met} |`);
  }
  return lines.join('\n');
}

/** What the machine looked like during the run: these figures mean little without it. */
export function describeMachine(): Record<string, unknown> {
  return {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model,
    memoryGiB: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version,
    loadAverage: loadavg().map((load) => Math.round(load * 100) / 100),
  };
}

/** A new file's path in `bench/results/`, named by the time to the second: `<date><suffix>.json`. */
export function resultsPath(suffix = ''): string {
  const folder = join(__dirname, '..', 'results');
  mkdirSync(folder, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:]/g, '-').replace(/\..+$/, '');
  return join(folder, `${stamp}${suffix}.json`);
}

/** Writes `bench/results/<date>.json` and returns its path. */
export function writeResults(rows: readonly BenchRow[], extra: Record<string, unknown>): string {
  const path = resultsPath();
  writeFileSync(path, JSON.stringify({ date: new Date().toISOString(), machine: describeMachine(), ...extra, rows }, null, 2) + '\n');
  return path;
}
