import { normalTwoSidedP } from './normal-distribution';

export interface MannWhitneyResult {
  /** U of the sample: how many (sample, other) pairs the sample's value wins, a tie counting ½. */
  u: number;
  /** Two-sided, from the normal approximation with tie and continuity correction (as scipy's default). */
  pValue: number;
}

/**
 * The Mann-Whitney U test of a sample against another from the sample's rank sum in their pooled
 * ranking (ties given their average rank), so the ranks can be computed where the data lives.
 * `tieTerm` is Σ (t³ − t) over the pooled sample's groups of t equal values (0 without ties).
 * Equivalent to scipy.stats.mannwhitneyu(sample, other, method='asymptotic').
 */
export function mannWhitneyU(
  sample: { n: number; rankSum: number },
  otherN: number,
  tieTerm: number,
): MannWhitneyResult {
  const { n, rankSum } = sample;
  const total = n + otherN;
  const u = rankSum - (n * (n + 1)) / 2;
  const mean = (n * otherN) / 2;
  const variance = ((n * otherN) / 12) * (total + 1 - tieTerm / (total * (total - 1)));
  // Every value tied: nothing tells the samples apart.
  if (!(variance > 0)) return { u, pValue: 1 };
  const z = (Math.abs(u - mean) - 0.5) / Math.sqrt(variance);
  return { u, pValue: z <= 0 ? 1 : Math.min(1, normalTwoSidedP(z)) };
}
