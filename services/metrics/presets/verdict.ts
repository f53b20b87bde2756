/** The metrics a preset report compares between arms, named after the report's own fields. */
export type ComparedMetric =
  | 'ttft_p50_ms'
  | 'latency_p95_ms'
  | 'generation_time_p50_ms'
  | 'error_rate'
  | 'cost_per_request'
  | 'tokens_per_request';

/** What a verdict is written from: one metric of one variant against the baseline. */
export interface VerdictFacts {
  metric: ComparedMetric;
  test: string;
  baseline: string | null;
  variant: string | null;
  /** Samples behind the figures: [baseline, variant]. */
  n: [number, number];
  /** The smallest sample per arm the test is run on. */
  minimum: number;
  baseline_value: number | null;
  variant_value: number | null;
  /** Relative difference of the variant's value to the baseline's (0.38: 38 % more); null from 0. */
  effect: number | null;
  /** 1: the variant's value is the higher, −1: the lower, 0: the same. */
  direction: number;
  /** Null: an arm had fewer than `minimum` samples and nothing was tested. */
  p_value: number | null;
  significant: boolean | null;
}

type Phrase = (
  variant: string,
  baseline: string,
  direction: number,
  amount: string,
  facts: VerdictFacts,
) => string;

const speed =
  (what: string): Phrase =>
  (variant, baseline, direction, amount) =>
    direction === 0
      ? `${variant} is as fast as ${baseline} at ${what}`
      : `${variant} is ${amount}${direction > 0 ? 'slower' : 'faster'} than ${baseline} at ${what}`;

const PHRASES: Record<ComparedMetric, Phrase> = {
  ttft_p50_ms: speed('p50 time to first token'),
  latency_p95_ms: speed('p95 time to first token'),
  generation_time_p50_ms: speed('p50 generation time'),
  error_rate: (variant, baseline, direction, _amount, { baseline_value, variant_value }) => {
    const rates = `${formatRate(variant_value)} vs ${formatRate(baseline_value)} of requests`;
    if (direction === 0)
      return `${variant} fails as often as ${baseline} (${formatRate(variant_value)} of requests)`;
    return `${variant} fails ${direction > 0 ? 'more' : 'less'} often than ${baseline} (${rates})`;
  },
  cost_per_request: (variant, baseline, direction, amount) =>
    direction === 0
      ? `${variant} costs as much as ${baseline} per request`
      : `${variant} is ${amount}${direction > 0 ? 'dearer' : 'cheaper'} than ${baseline} per request`,
  tokens_per_request: (variant, baseline, direction, amount) =>
    direction === 0
      ? `${variant} uses as many tokens per request as ${baseline}`
      : `${variant} uses ${amount}${direction > 0 ? 'more' : 'fewer'} tokens per request than ${baseline}`,
};

/**
 * The plain sentence for one comparison, e.g. "smart is 38 % slower than cheap at p50 time to first
 * token, significant at 95 % (Mann-Whitney U, p = 0.0031, n = 412 smart / 1,236 cheap)", or that
 * there is not enough data yet.
 */
export function verdict(facts: VerdictFacts): string {
  const variant = armName(facts.variant);
  const baseline = armName(facts.baseline);
  const [nBaseline, nVariant] = facts.n;
  const sizes = `n = ${formatCount(nVariant)} ${variant} / ${formatCount(nBaseline)} ${baseline}`;
  if (facts.p_value === null) return `not enough data yet (${sizes}; at least ${facts.minimum} per arm)`;
  const amount = facts.effect === null || facts.effect === 0 ? '' : `${formatPercent(facts.effect)} `;
  const finding = PHRASES[facts.metric](variant, baseline, facts.direction, amount, facts);
  const significance = facts.significant ? 'significant at 95 %' : 'not significant at 95 %';
  return `${finding}, ${significance} (${facts.test}, ${formatP(facts.p_value)}, ${sizes})`;
}

/** The arm of generations without a variant. */
function armName(variant: string | null): string {
  return variant ?? '(no variant)';
}

/** 1236 → "1,236". */
export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

/** |effect| as a percentage to two significant digits: 0.384 → "38 %", 0.0321 → "3.2 %", 12.5 → "1,300 %". */
export function formatPercent(effect: number): string {
  return `${(Math.abs(effect) * 100).toLocaleString('en-US', { maximumSignificantDigits: 2 })} %`;
}

/** 0.041 → "4.1 %". */
function formatRate(rate: number | null): string {
  return `${((rate ?? 0) * 100).toFixed(1)} %`;
}

/**
 * "p = 0.0031" to two significant digits, cut rather than rounded so that a significant p never
 * reads 0.05; "p < 0.001" below.
 */
export function formatP(p: number): string {
  if (p < 0.001) return 'p < 0.001';
  return `p = ${p.toLocaleString('en-US', { maximumSignificantDigits: 2, roundingMode: 'trunc' })}`;
}
