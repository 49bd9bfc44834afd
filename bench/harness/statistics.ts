/** A figure quoted the way BENCHMARKS.md quotes every figure: the median of the runs, with their spread. */
export interface Spread {
  median: number;
  min: number;
  max: number;
  runs: number;
}

/** The value below which `fraction` of the samples fall (nearest rank); NaN for no samples. */
export function percentile(samples: readonly number[], fraction: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1));
  return sorted[rank];
}

export function spreadOf(samples: readonly number[]): Spread {
  return {
    median: percentile(samples, 0.5),
    min: samples.length ? Math.min(...samples) : Number.NaN,
    max: samples.length ? Math.max(...samples) : Number.NaN,
    runs: samples.length,
  };
}

/**
 * Runs `measure` `warmups` times without keeping the result (JIT, caches, connection pools), then
 * `runs` times, and returns every kept result: these machines are shared, so one run proves nothing.
 */
export async function repeatMeasurement<Result>(
  options: { warmups: number; runs: number },
  measure: (run: number) => Promise<Result>,
): Promise<Result[]> {
  for (let warmup = 0; warmup < options.warmups; warmup++) await measure(-1 - warmup);
  const results: Result[] = [];
  for (let run = 0; run < options.runs; run++) results.push(await measure(run));
  return results;
}

/** The slope of the least-squares line through `points` ([x, y] each, at least two distinct x). */
export function leastSquaresSlope(points: readonly (readonly [number, number])[]): number {
  const meanX = points.reduce((sum, [x]) => sum + x, 0) / points.length;
  const meanY = points.reduce((sum, [, y]) => sum + y, 0) / points.length;
  const covariance = points.reduce((sum, [x, y]) => sum + (x - meanX) * (y - meanY), 0);
  const variance = points.reduce((sum, [x]) => sum + (x - meanX) ** 2, 0);
  return covariance / variance;
}
