import { formatP, formatPercent, verdict, type VerdictFacts } from './verdict';

const latency: VerdictFacts = {
  metric: 'ttft_p50_ms',
  test: 'Mann-Whitney U',
  baseline: 'cheap',
  variant: 'smart',
  n: [1236, 412],
  minimum: 30,
  baseline_value: 100,
  variant_value: 138,
  effect: 0.38,
  direction: 1,
  p_value: 0.0031,
  significant: true,
};

describe('verdict', () => {
  it('names the direction, size, significance, test, p and both samples', () => {
    expect(verdict(latency)).toBe(
      'smart is 38 % slower than cheap at p50 time to first token, significant at 95 % ' +
        '(Mann-Whitney U, p = 0.0031, n = 412 smart / 1,236 cheap)',
    );
    expect(verdict({ ...latency, effect: -0.125, direction: -1, p_value: 0.41, significant: false })).toBe(
      'smart is 13 % faster than cheap at p50 time to first token, not significant at 95 % ' +
        '(Mann-Whitney U, p = 0.41, n = 412 smart / 1,236 cheap)',
    );
  });

  it('says when there is not enough data yet', () => {
    const facts = {
      ...latency,
      n: [12, 9] as [number, number],
      p_value: null,
      significant: null,
      effect: null,
    };
    expect(verdict(facts)).toBe('not enough data yet (n = 9 smart / 12 cheap; at least 30 per arm)');
    expect(verdict({ ...facts, metric: 'latency_p95_ms', minimum: 100 })).toContain('at least 100 per arm');
  });

  it.each([
    ['latency_p95_ms', 0.2, 1, 'smart is 20 % slower than cheap at p95 time to first token'],
    ['generation_time_p50_ms', -0.5, -1, 'smart is 50 % faster than cheap at p50 generation time'],
    ['cost_per_request', 1, 1, 'smart is 100 % dearer than cheap per request'],
    ['cost_per_request', -0.25, -1, 'smart is 25 % cheaper than cheap per request'],
    ['cost_per_request', null, 1, 'smart is dearer than cheap per request'],
    ['cost_per_request', 0, 0, 'smart costs as much as cheap per request'],
    ['tokens_per_request', 0.031, 1, 'smart uses 3.1 % more tokens per request than cheap'],
    ['tokens_per_request', -0.031, -1, 'smart uses 3.1 % fewer tokens per request than cheap'],
    ['tokens_per_request', 0, 0, 'smart uses as many tokens per request as cheap'],
    ['ttft_p50_ms', 0, 0, 'smart is as fast as cheap at p50 time to first token'],
  ] as const)('words %s with effect %p', (metric, effect, direction, start) => {
    expect(verdict({ ...latency, metric, effect, direction })).toMatch(new RegExp(`^${start}, significant`));
  });

  it('words error rates as failing more or less often, with both rates', () => {
    const errors: VerdictFacts = {
      ...latency,
      metric: 'error_rate',
      test: 'two-proportion z-test',
      baseline_value: 0.02,
      variant_value: 0.041,
      effect: 1.05,
    };
    expect(verdict(errors)).toBe(
      'smart fails more often than cheap (4.1 % vs 2.0 % of requests), significant at 95 % ' +
        '(two-proportion z-test, p = 0.0031, n = 412 smart / 1,236 cheap)',
    );
    expect(verdict({ ...errors, baseline_value: 0.1, variant_value: 0.05, direction: -1 })).toMatch(
      /^smart fails less often than cheap \(5\.0 % vs 10\.0 % of requests\)/,
    );
    expect(verdict({ ...errors, baseline_value: 0, variant_value: 0, direction: 0, effect: 0 })).toMatch(
      /^smart fails as often as cheap \(0\.0 % of requests\)/,
    );
  });

  it('calls the arm without a variant by that', () => {
    expect(verdict({ ...latency, variant: null })).toMatch(/^\(no variant\) is 38 % slower than cheap/);
  });
});

describe('formatPercent and formatP', () => {
  it.each([
    [0.384, '38 %'],
    [-0.0321, '3.2 %'],
    [12.5, '1,300 %'],
    [0.00004, '0.004 %'],
  ])('formats an effect of %p as %p', (effect, text) => {
    expect(formatPercent(effect)).toBe(text);
  });

  it.each([
    [0.0031, 'p = 0.0031'],
    [0.41, 'p = 0.41'],
    [1, 'p = 1'],
    [0.0499, 'p = 0.049'],
    [0.05, 'p = 0.05'],
    [0.00099, 'p < 0.001'],
  ])('formats p = %p as %p', (p, text) => {
    expect(formatP(p)).toBe(text);
  });
});
