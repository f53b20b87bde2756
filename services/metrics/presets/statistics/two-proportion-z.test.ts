import { twoProportionZ } from './two-proportion-z';

describe('twoProportionZ', () => {
  it('matches a chi-squared test of the 2 × 2 table without continuity correction', () => {
    // scipy.stats.chi2_contingency([[382, 30], [1186, 50]], correction=False): χ² = z², same p.
    const result = twoProportionZ({ successes: 30, n: 412 }, { successes: 50, n: 1236 });
    expect(result.z).toBeCloseTo(-2.6470365923213897, 12);
    expect(result.pValue).toBeCloseTo(0.008120056595541452, 14);
  });

  it('is signed as the second proportion minus the first', () => {
    const result = twoProportionZ({ successes: 0, n: 40 }, { successes: 3, n: 40 });
    // pooled p = 3/80: z = 0.075 / √(0.0375 · 0.9625 · 2/40)
    expect(result.z).toBeCloseTo(0.075 / Math.sqrt(0.0375 * 0.9625 * 0.05), 12);
    expect(result.z).toBeCloseTo(1.7654696590094991, 12);
    expect(result.pValue).toBeCloseTo(0.07748486513264485, 14);
  });

  it('gives p = 1 for equal proportions and for none or all on both sides', () => {
    expect(twoProportionZ({ successes: 12, n: 100 }, { successes: 12, n: 100 })).toEqual({ z: 0, pValue: 1 });
    expect(twoProportionZ({ successes: 0, n: 30 }, { successes: 0, n: 50 })).toEqual({ z: 0, pValue: 1 });
    expect(twoProportionZ({ successes: 30, n: 30 }, { successes: 50, n: 50 })).toEqual({ z: 0, pValue: 1 });
  });
});
