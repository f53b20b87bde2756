import { mannWhitneyU } from './mann-whitney';

/** What Postgres computes for the test: the sample's sum of average ranks and Σ (t³ − t) over ties. */
function rankInputs(sample: number[], other: number[]) {
  const pooled = [...sample, ...other].sort((a, b) => a - b);
  const averageRank = (value: number) => {
    const first = pooled.indexOf(value) + 1;
    const last = pooled.lastIndexOf(value) + 1;
    return (first + last) / 2;
  };
  const counts = new Map<number, number>();
  for (const value of pooled) counts.set(value, (counts.get(value) ?? 0) + 1);
  return {
    rankSum: sample.reduce((sum, value) => sum + averageRank(value), 0),
    tieTerm: [...counts.values()].reduce((sum, t) => sum + t ** 3 - t, 0),
  };
}

/** U by its definition: the pairs the sample wins, ties counting half. */
function pairCount(sample: number[], other: number[]): number {
  let u = 0;
  for (const x of sample) for (const y of other) u += x > y ? 1 : x === y ? 0.5 : 0;
  return u;
}

function test(sample: number[], other: number[]) {
  const { rankSum, tieTerm } = rankInputs(sample, other);
  return mannWhitneyU({ n: sample.length, rankSum }, other.length, tieTerm);
}

describe('mannWhitneyU', () => {
  it('matches scipy.stats.mannwhitneyu(x, y, method="asymptotic") without ties', () => {
    const x = [1.83, 0.5, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06, 1.3];
    const y = [0.878, 0.647, 0.598, 2.05, 1.06, 1.29, 1.06, 3.14, 1.29];
    const result = test(x, y);
    expect(result.u).toBe(58);
    expect(result.u).toBe(pairCount(x, y));
    expect(result.pValue).toBeCloseTo(0.13291945818531892, 14);
  });

  it('corrects the variance for ties', () => {
    const a = [1, 2, 2, 3, 3, 3, 4, 5, 5, 6, 7, 7, 7, 8];
    const b = [3, 4, 4, 5, 6, 6, 7, 8, 8, 9, 9, 10, 10, 10, 11];
    expect(rankInputs(b, a)).toEqual({ rankSum: 287, tieTerm: 252 });
    const result = test(b, a);
    expect(result.u).toBe(167);
    expect(result.u).toBe(pairCount(b, a));
    expect(result.pValue).toBeCloseTo(0.006974238117944038, 15);
    // Seen from the other sample: U is the complement, the p-value the same.
    const reverse = test(a, b);
    expect(reverse.u).toBe(a.length * b.length - 167);
    expect(reverse.pValue).toBeCloseTo(result.pValue, 15);
  });

  it('gives p = 1 for identical samples and when every value is tied', () => {
    expect(test([1, 2, 3], [1, 2, 3])).toEqual({ u: 4.5, pValue: 1 });
    expect(test([5, 5, 5], [5, 5])).toEqual({ u: 3, pValue: 1 });
  });

  it('finds a complete separation of 40 against 40 significant', () => {
    const low = Array.from({ length: 40 }, (_, i) => 100 + i);
    const high = low.map((value) => value + 40);
    const result = test(high, low);
    expect(result.u).toBe(1600);
    // z = (1600 − 800 − 0.5) / √(40 · 40 · 81 / 12) = 7.693, p as scipy computes it.
    expect(result.pValue / 1.435085306393668e-14).toBeCloseTo(1, 10);
  });
});
