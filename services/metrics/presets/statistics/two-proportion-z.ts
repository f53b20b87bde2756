import { normalTwoSidedP } from './normal-distribution';

export interface TwoProportionResult {
  /** (p₂ − p₁) over its standard error under a common (pooled) proportion. */
  z: number;
  /** Two-sided. */
  pValue: number;
}

/**
 * The pooled two-proportion z-test of `successes₂ / n₂` against `successes₁ / n₁` (the same p as a
 * chi-squared test of the 2 × 2 table without continuity correction).
 */
export function twoProportionZ(
  first: { successes: number; n: number },
  second: { successes: number; n: number },
): TwoProportionResult {
  const pooled = (first.successes + second.successes) / (first.n + second.n);
  const standardError = Math.sqrt(pooled * (1 - pooled) * (1 / first.n + 1 / second.n));
  // Both all successes or all failures: the proportions are identical.
  if (!(standardError > 0)) return { z: 0, pValue: 1 };
  const z = (second.successes / second.n - first.successes / first.n) / standardError;
  return { z, pValue: normalTwoSidedP(z) };
}
