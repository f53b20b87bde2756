import type { ComparisonSide } from '../generations/generation.repository';
import { compareArms, MIN_SAMPLES_PER_ARM, MIN_SAMPLES_PER_ARM_P95 } from './arm-comparisons';

/** A side of n requests, every one with a latency, none failed, no ties. */
function side(challenger: string | null, isBaseline: boolean, overrides: Partial<ComparisonSide> = {}) {
  const n = overrides.requests ?? 200;
  return {
    challenger,
    is_baseline: isBaseline,
    requests: n,
    errors: 0,
    cost_mean: 0.001,
    cost_variance: 1e-8,
    tokens_mean: 300,
    tokens_variance: 100,
    latency_n: n,
    latency_p50_ms: 100,
    latency_p95_ms: 150,
    // Both sides interleaved: U = n²/2, no difference.
    latency_rank_sum: (n * (2 * n + 1)) / 2,
    latency_ties_term: 0,
    latency_above_pooled_p95: 10,
    generation_time_n: n,
    generation_time_p50_ms: 1000,
    generation_time_rank_sum: (n * (2 * n + 1)) / 2,
    generation_time_ties_term: 0,
    ...overrides,
  } satisfies ComparisonSide;
}

describe('compareArms', () => {
  it('compares each challenger with the baseline on six metrics, in the order given', () => {
    const comparisons = compareArms('a', [
      side('b', true),
      side('b', false),
      side(null, true),
      side(null, false),
    ]);
    expect(comparisons.map(({ variant, metric }) => `${variant}:${metric}`)).toEqual(
      ['b', 'null'].flatMap((variant) =>
        [
          'ttft_p50_ms',
          'latency_p95_ms',
          'generation_time_p50_ms',
          'error_rate',
          'cost_per_request',
          'tokens_per_request',
        ].map((metric) => `${variant}:${metric}`),
      ),
    );
    expect(comparisons.every((comparison) => comparison.baseline === 'a' && comparison.p_value === 1)).toBe(
      true,
    );
  });

  it('compares nothing without challengers', () => {
    expect(compareArms('a', [])).toEqual([]);
  });

  it(`tests from ${MIN_SAMPLES_PER_ARM} samples per arm, and p95 from ${MIN_SAMPLES_PER_ARM_P95}`, () => {
    const tested = (baselineN: number, variantN: number) =>
      compareArms('a', [
        side('b', true, { requests: baselineN }),
        side('b', false, { requests: variantN }),
      ]).map((comparison) => comparison.p_value !== null);
    expect(tested(30, 30)).toEqual([true, false, true, true, true, true]);
    expect(tested(500, 29)).toEqual([false, false, false, false, false, false]);
    expect(tested(100, 100)).toEqual([true, true, true, true, true, true]);
    expect(tested(99, 1000)[1]).toBe(false);
  });

  it('says which arm a significant test finds higher when the medians are equal', () => {
    // The variant holds the top 200 ranks of 400, yet both medians read 100 ms.
    const variant = side('b', false, { latency_rank_sum: 200 * 200 + (200 * 201) / 2 });
    const [ttft] = compareArms('a', [side('b', true), variant]);
    expect(ttft).toMatchObject({ effect: 0, statistic: 40_000, significant: true });
    expect(ttft.verdict).toMatch(/^b is slower than a at p50 time to first token, significant/);
  });

  it('reports the rates and their relative difference for errors, none relative to 0', () => {
    const comparisons = compareArms('a', [side('b', true, { errors: 10 }), side('b', false, { errors: 30 })]);
    const errors = comparisons.find((comparison) => comparison.metric === 'error_rate')!;
    expect(errors).toMatchObject({ baseline_value: 0.05, variant_value: 0.15, significant: true });
    expect(errors.difference).toBeCloseTo(0.1, 15);
    expect(errors.effect).toBeCloseTo(2, 14);
    const fromZero = compareArms('a', [side('b', true), side('b', false, { errors: 30 })]);
    expect(fromZero.find((comparison) => comparison.metric === 'error_rate')!.effect).toBeNull();
  });

  it('gives no statistic but p = 0 for two constant, different arms', () => {
    const constant = { cost_variance: 0, tokens_variance: 0 };
    const comparisons = compareArms('a', [
      side('b', true, constant),
      side('b', false, { ...constant, cost_mean: 0.002 }),
    ]);
    const cost = comparisons.find((comparison) => comparison.metric === 'cost_per_request')!;
    expect(cost).toMatchObject({ statistic: null, p_value: 0, significant: true, effect: 1 });
    expect(cost.verdict).toMatch(
      /^b is 100 % dearer than a per request, significant at 95 % \(Welch's t-test, p < 0.001/,
    );
    expect(JSON.parse(JSON.stringify(cost))).toEqual(cost);
  });
});
