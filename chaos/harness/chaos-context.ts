import { ScratchDatabase } from '../../bench/harness/bench-database';
import { BenchKeys } from '../../bench/harness/bench-keys';

/** How hard each fault is pushed; `--short` is the CI run (a few minutes in all). */
export interface ChaosSizes {
  kills: number;
  outageMs: number;
  ifMatchWriters: number;
  retryStorm: number;
  hostileRequests: number;
}

export interface ChaosContext {
  database: ScratchDatabase;
  keys: BenchKeys;
  sizes: ChaosSizes;
  log(message: string): void;
}

/** The one line each fault run ends with; `passed` false makes `npm run chaos` exit non-zero. */
export interface Verdict {
  scenario: number;
  name: string;
  passed: boolean;
  detail: string;
}

export interface ChaosScenario {
  id: number;
  name: string;
  run(context: ChaosContext): Promise<Verdict>;
}

/** Builds a verdict from named checks: it passes when every check holds, and says which did not. */
export function verdictOf(scenario: ChaosScenario, summary: string, checks: Record<string, boolean>): Verdict {
  const failed = Object.entries(checks)
    .filter(([, holds]) => !holds)
    .map(([check]) => check);
  return { scenario: scenario.id, name: scenario.name, passed: failed.length === 0, detail: failed.length ? `${summary}; FAILED: ${failed.join('; ')}` : summary };
}
