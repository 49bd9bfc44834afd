import { leastSquaresSlope, percentile, spreadOf } from '../../bench/harness/statistics';

describe('bench statistics', () => {
  it('gives the median with the spread, and the nearest-rank percentile', () => {
    expect(spreadOf([5, 1, 3])).toEqual({ median: 3, min: 1, max: 5, runs: 3 });
    expect(percentile([10, 20, 30, 40, 50, 60, 70, 80, 90, 100], 0.99)).toBe(100);
  });

  it('gives the slope of the least-squares line: exact on a line, 0 when flat, one noisy point pulls it less than the last against the first', () => {
    expect(leastSquaresSlope([[0, 1], [1, 3], [2, 5]])).toBeCloseTo(2);
    expect(leastSquaresSlope([[100, 2.5], [200, 2.5], [300, 2.5]])).toBe(0);
    const flatThenOneHigh: [number, number][] = [[100, 2.5], [150, 2.5], [200, 2.5], [250, 2.5], [300, 2.5], [350, 3.1]];
    const lastAgainstFirst = (3.1 - 2.5) / (350 - 100);
    expect(leastSquaresSlope(flatThenOneHigh)).toBeGreaterThan(0);
    expect(leastSquaresSlope(flatThenOneHigh)).toBeLessThan(lastAgainstFirst);
  });
});
