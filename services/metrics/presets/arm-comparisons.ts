import type { ComparisonSide } from '../generations/generation.repository';
import { mannWhitneyU } from './statistics/mann-whitney';
import { twoProportionZ } from './statistics/two-proportion-z';
import { welchT } from './statistics/welch-t';
import { verdict, type ComparedMetric } from './verdict';

/** Fewer samples than this in an arm and a metric is not tested: "not enough data yet". */
export const MIN_SAMPLES_PER_ARM = 30;
/** The p95 test needs about 5 latencies above p95 in each arm, hence 100. */
export const MIN_SAMPLES_PER_ARM_P95 = 100;
/** Two-sided, so "significant at 95 %". */
export const SIGNIFICANCE_LEVEL = 0.05;

/** One metric of one variant against the baseline. */
export interface ArmComparison {
  metric: ComparedMetric;
  test: string;
  baseline: string | null;
  variant: string | null;
  /** Samples behind the figures: [baseline, variant] (latencies of requests that sent a byte, or requests). */
  n: [number, number];
  baseline_value: number | null;
  variant_value: number | null;
  /** variant_value − baseline_value. */
  difference: number | null;
  /** The difference relative to the baseline's value (0.38: 38 % higher); null when that is 0. */
  effect: number | null;
  /**
   * The variant's U (Mann-Whitney; above n₁n₂/2 when it tends higher), or z (proportions) or t
   * (Welch) of variant minus baseline; null when infinite (two constant arms).
   */
  statistic: number | null;
  /** Two-sided; null with not enough data (as are effect, statistic and significant). */
  p_value: number | null;
  significant: boolean | null;
  verdict: string;
}

interface TestResult {
  statistic: number;
  pValue: number;
  /** Which side the test finds higher (1: the variant), should the values themselves be equal. */
  direction: number;
}

interface MetricTest {
  metric: ComparedMetric;
  test: string;
  minimum: number;
  n(side: ComparisonSide): number;
  value(side: ComparisonSide): number | null;
  run(baseline: ComparisonSide, variant: ComparisonSide): TestResult;
}

/** Mann-Whitney U of the variant's values against the baseline's, from the ranks Postgres computed. */
function rankTest(field: 'latency' | 'generation_time') {
  return (baseline: ComparisonSide, variant: ComparisonSide): TestResult => {
    const nBaseline = baseline[`${field}_n`];
    const nVariant = variant[`${field}_n`];
    const ties = baseline[`${field}_ties_term`] + variant[`${field}_ties_term`];
    const { u, pValue } = mannWhitneyU(
      { n: nVariant, rankSum: variant[`${field}_rank_sum`] },
      nBaseline,
      ties,
    );
    return { statistic: u, pValue, direction: Math.sign(u - (nBaseline * nVariant) / 2) };
  };
}

function proportionTest(successes: (side: ComparisonSide) => number, n: (side: ComparisonSide) => number) {
  return (baseline: ComparisonSide, variant: ComparisonSide): TestResult => {
    const { z, pValue } = twoProportionZ(
      { successes: successes(baseline), n: n(baseline) },
      { successes: successes(variant), n: n(variant) },
    );
    return { statistic: z, pValue, direction: Math.sign(z) };
  };
}

function meanTest(field: 'cost' | 'tokens') {
  const summary = (side: ComparisonSide) => ({
    n: side.requests,
    mean: side[`${field}_mean`],
    variance: side[`${field}_variance`] ?? 0,
  });
  return (baseline: ComparisonSide, variant: ComparisonSide): TestResult => {
    const { t, pValue } = welchT(summary(baseline), summary(variant));
    return { statistic: t, pValue, direction: Math.sign(t) };
  };
}

const requests = (side: ComparisonSide) => side.requests;
const latencies = (side: ComparisonSide) => side.latency_n;

const METRIC_TESTS: readonly MetricTest[] = [
  {
    metric: 'ttft_p50_ms',
    test: 'Mann-Whitney U',
    minimum: MIN_SAMPLES_PER_ARM,
    n: latencies,
    value: (side) => side.latency_p50_ms,
    run: rankTest('latency'),
  },
  {
    // Mood's median test at the 95th percentile: each arm's share of latencies above the pooled p95.
    metric: 'latency_p95_ms',
    test: "Mood's quantile test",
    minimum: MIN_SAMPLES_PER_ARM_P95,
    n: latencies,
    value: (side) => side.latency_p95_ms,
    run: proportionTest((side) => side.latency_above_pooled_p95, latencies),
  },
  {
    metric: 'generation_time_p50_ms',
    test: 'Mann-Whitney U',
    minimum: MIN_SAMPLES_PER_ARM,
    n: (side) => side.generation_time_n,
    value: (side) => side.generation_time_p50_ms,
    run: rankTest('generation_time'),
  },
  {
    metric: 'error_rate',
    test: 'two-proportion z-test',
    minimum: MIN_SAMPLES_PER_ARM,
    n: requests,
    value: (side) => (side.requests > 0 ? side.errors / side.requests : null),
    run: proportionTest((side) => side.errors, requests),
  },
  {
    metric: 'cost_per_request',
    test: "Welch's t-test",
    minimum: MIN_SAMPLES_PER_ARM,
    n: requests,
    value: (side) => (side.requests > 0 ? side.cost_mean : null),
    run: meanTest('cost'),
  },
  {
    metric: 'tokens_per_request',
    test: "Welch's t-test",
    minimum: MIN_SAMPLES_PER_ARM,
    n: requests,
    value: (side) => (side.requests > 0 ? side.tokens_mean : null),
    run: meanTest('tokens'),
  },
];

/** A side without rows, should the query return none for one. */
const EMPTY_SIDE: Omit<ComparisonSide, 'challenger' | 'is_baseline'> = {
  requests: 0,
  errors: 0,
  cost_mean: 0,
  cost_variance: null,
  tokens_mean: 0,
  tokens_variance: null,
  latency_n: 0,
  latency_p50_ms: null,
  latency_p95_ms: null,
  latency_rank_sum: 0,
  latency_ties_term: 0,
  latency_above_pooled_p95: 0,
  generation_time_n: 0,
  generation_time_p50_ms: null,
  generation_time_rank_sum: 0,
  generation_time_ties_term: 0,
};

/**
 * Every metric of every variant against `baseline`, from the two sides per challenger that
 * GenerationRepository.variantReport returns (in its order: by variant, then by metric).
 */
export function compareArms(baseline: string | null, sides: readonly ComparisonSide[]): ArmComparison[] {
  const pairs = new Map<string | null, { baseline?: ComparisonSide; variant?: ComparisonSide }>();
  for (const side of sides) {
    const pair = pairs.get(side.challenger) ?? {};
    pair[side.is_baseline ? 'baseline' : 'variant'] = side;
    pairs.set(side.challenger, pair);
  }
  return [...pairs].flatMap(([variant, pair]) => {
    const baselineSide = pair.baseline ?? { ...EMPTY_SIDE, challenger: variant, is_baseline: true };
    const variantSide = pair.variant ?? { ...EMPTY_SIDE, challenger: variant, is_baseline: false };
    return METRIC_TESTS.map((test) => compare(test, baseline, variant, baselineSide, variantSide));
  });
}

function compare(
  test: MetricTest,
  baseline: string | null,
  variant: string | null,
  baselineSide: ComparisonSide,
  variantSide: ComparisonSide,
): ArmComparison {
  const n: [number, number] = [test.n(baselineSide), test.n(variantSide)];
  const baselineValue = test.value(baselineSide);
  const variantValue = test.value(variantSide);
  const described = {
    metric: test.metric,
    test: test.test,
    baseline,
    variant,
    n,
    baseline_value: baselineValue,
    variant_value: variantValue,
  };
  if (Math.min(...n) < test.minimum || baselineValue === null || variantValue === null) {
    const nothing = { difference: null, effect: null, statistic: null, p_value: null, significant: null };
    return {
      ...described,
      ...nothing,
      verdict: verdict({ ...described, ...nothing, minimum: test.minimum, direction: 0 }),
    };
  }
  const difference = variantValue - baselineValue;
  const effect = difference === 0 ? 0 : baselineValue === 0 ? null : difference / baselineValue;
  const { statistic, pValue, direction } = test.run(baselineSide, variantSide);
  const significant = pValue < SIGNIFICANCE_LEVEL;
  // JSON has no infinity: Welch's t of two constant, different arms.
  const facts = {
    ...described,
    difference,
    effect,
    statistic: Number.isFinite(statistic) ? statistic : null,
  };
  const result = { ...facts, p_value: pValue, significant };
  // Equal values (say, medians) yet a significant difference: the test tells which side is higher.
  const said = Math.sign(difference) || (significant ? direction : 0);
  return { ...result, verdict: verdict({ ...result, minimum: test.minimum, direction: said }) };
}
