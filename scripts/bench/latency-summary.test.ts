import { added, percentile, summarize } from './latency-summary';

describe('percentile', () => {
  const hundred = Array.from({ length: 100 }, (_, i) => i + 1);
  it.each([
    [50, 50],
    [90, 90],
    [99, 99],
    [99.9, 100],
    [100, 100],
    [0, 1],
  ])('p%s of 1…100 is %s', (p, expected) => {
    expect(percentile(hundred, p)).toBe(expected);
  });

  it('is NaN for nothing measured', () => {
    expect(percentile([], 50)).toBeNaN();
  });
});

describe('summarize and added', () => {
  it('sorts before it ranks, and subtracts percentile by percentile', () => {
    const target = summarize([5, 1, 4, 2, 3]);
    expect(target).toEqual({ p50: 3, p90: 5, p99: 5, p999: 5 });
    expect(added(target, summarize([1, 1, 1, 1, 2]))).toEqual({ p50: 2, p90: 3, p99: 3, p999: 3 });
  });
});
