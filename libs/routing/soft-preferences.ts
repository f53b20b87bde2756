import type { ProviderPreferences } from '../contracts';
import { stablePartition } from './availability';
import type { RouteCandidate } from './route-candidate';

type Cutoffs = NonNullable<ProviderPreferences['preferred_max_latency']>;

/** A number means p50; percentiles the health view does not measure are not judged. */
const asCutoffs = (value: Cutoffs) => (typeof value === 'number' ? { p50: value } : value);

function tooSlowToStart(candidate: RouteCandidate, cutoffs: Cutoffs): boolean {
  const { p50, p90 } = asCutoffs(cutoffs);
  const health = candidate.health;
  const above = (measuredMs: number | null | undefined, limitSeconds: number | undefined) =>
    measuredMs != null && limitSeconds !== undefined && measuredMs / 1000 > limitSeconds;
  return above(health?.ttftP50Ms, p50) || above(health?.ttftP90Ms, p90);
}

function tooLowThroughput(candidate: RouteCandidate, cutoffs: Cutoffs): boolean {
  const { p50 } = asCutoffs(cutoffs);
  const measured = candidate.health?.throughputTps;
  return measured != null && p50 !== undefined && measured < p50;
}

/**
 * `preferred_max_latency` (seconds to first token) and `preferred_min_throughput` (tokens per
 * second): endpoints measured outside them move behind those inside, across models, so a fallback
 * model that meets them can go first. Never excludes; unmeasured endpoints count as meeting them.
 * https://openrouter.ai/docs/features/provider-routing#performance-thresholds
 */
export function applySoftPreferences(
  candidates: RouteCandidate[],
  provider: ProviderPreferences,
): RouteCandidate[] {
  const { preferred_max_latency: maxLatency, preferred_min_throughput: minThroughput } = provider;
  if (maxLatency === undefined && minThroughput === undefined) return candidates;
  const misses = (c: RouteCandidate) =>
    (maxLatency !== undefined && tooSlowToStart(c, maxLatency)) ||
    (minThroughput !== undefined && tooLowThroughput(c, minThroughput));
  return stablePartition(candidates, (c) => (misses(c) ? 1 : 0));
}
