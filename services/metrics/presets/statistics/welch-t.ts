import { studentTTwoSidedP } from './student-t-distribution';

/** A sample as its size, mean and sample variance (n − 1 in the denominator). */
export interface SampleSummary {
  n: number;
  mean: number;
  variance: number;
}

export interface WelchResult {
  /** (mean₂ − mean₁) over the standard error of the difference with unequal variances. */
  t: number;
  /** Welch–Satterthwaite degrees of freedom; null when both samples have no variance. */
  df: number | null;
  /** Two-sided, from Student's t with `df` degrees of freedom. */
  pValue: number;
}

/**
 * Welch's t-test of the second sample's mean against the first's, as scipy.stats.ttest_ind(second,
 * first, equal_var=False). Needs n ≥ 2 on both sides.
 */
export function welchT(first: SampleSummary, second: SampleSummary): WelchResult {
  const a = first.variance / first.n;
  const b = second.variance / second.n;
  const difference = second.mean - first.mean;
  if (!(a + b > 0)) {
    // Constant samples: their means are either the same or certainly not.
    return difference === 0
      ? { t: 0, df: null, pValue: 1 }
      : { t: Math.sign(difference) * Infinity, df: null, pValue: 0 };
  }
  const t = difference / Math.sqrt(a + b);
  const df = (a + b) ** 2 / (a ** 2 / (first.n - 1) + b ** 2 / (second.n - 1));
  return { t, df, pValue: studentTTwoSidedP(t, df) };
}
