import { welchT, type SampleSummary } from './welch-t';

function summary(values: number[]): SampleSummary {
  const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
  const variance = values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / (values.length - 1);
  return { n: values.length, mean, variance };
}

describe('welchT', () => {
  it.each([
    // scipy.stats.ttest_ind(second, first, equal_var=False): statistic, pvalue, df
    [
      [27.5, 21.0, 19.0, 23.6, 17.0, 17.9, 16.9, 20.1, 21.9, 22.6, 23.1, 19.6, 19.0, 21.7, 21.4],
      [27.1, 22.0, 20.8, 23.4, 23.4, 23.5, 25.8, 22.0, 24.8, 20.2, 21.9, 22.1, 22.9, 20.5, 24.4],
      2.455356398286006,
      0.021378001462866992,
      24.988529290231416,
    ],
    [
      [17.2, 20.9, 22.6, 18.1, 21.7, 21.4, 23.5, 24.2, 14.7, 21.8],
      [
        21.5, 22.8, 21.0, 23.0, 21.6, 23.6, 22.5, 20.7, 23.4, 21.8, 20.7, 21.7, 21.5, 22.5, 23.6, 21.5, 22.5,
        23.5, 21.5, 21.8,
      ],
      1.5654335235985037,
      0.14884169660532817,
      9.904741248650831,
    ],
  ])('matches scipy on textbook samples', (first, second, t, pValue, df) => {
    const result = welchT(summary(first), summary(second));
    expect(result.t).toBeCloseTo(t, 11);
    expect(result.df).toBeCloseTo(df, 10);
    expect(result.pValue).toBeCloseTo(pValue, 12);
    // Swapping the samples flips t only.
    const swapped = welchT(summary(second), summary(first));
    expect(swapped.t).toBeCloseTo(-t, 11);
    expect(swapped.pValue).toBeCloseTo(pValue, 12);
  });

  it('handles samples without variance', () => {
    const constant = { n: 40, mean: 0.001, variance: 0 };
    expect(welchT(constant, constant)).toEqual({ t: 0, df: null, pValue: 1 });
    expect(welchT(constant, { ...constant, mean: 0.002 })).toEqual({ t: Infinity, df: null, pValue: 0 });
    // One side constant: df = n − 1 of the other.
    const result = welchT(constant, { n: 31, mean: 0.0011, variance: 1e-8 });
    expect(result.df).toBeCloseTo(30, 12);
  });
});
