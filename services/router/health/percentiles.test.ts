import { percentile, percentiles } from './percentiles';

describe('percentile (nearest rank)', () => {
  it.each([
    [[], 50, null],
    [[7], 50, 7],
    [[7], 99, 7],
    [[1, 2, 3, 4], 50, 2],
    [[1, 2, 3, 4], 75, 3],
    [[1, 2, 3, 4], 90, 4],
    [[10, 20, 30, 40, 50, 60, 70, 80, 90, 100], 90, 90],
    [[10, 20, 30, 40, 50, 60, 70, 80, 90, 100], 99, 100],
    [[5, 9], 0, 5],
  ])('%p at p%p → %p', (sorted, p, expected) => {
    expect(percentile(sorted, p)).toBe(expected);
  });
});

describe('percentiles', () => {
  it('is null without samples', () => {
    expect(percentiles([])).toBeNull();
  });

  it("gives OpenRouter's p50/p75/p90/p99", () => {
    const sorted = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentiles(sorted)).toEqual({ p50: 50, p75: 75, p90: 90, p99: 99 });
  });
});
