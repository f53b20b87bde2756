import type { RouteCandidate } from './route-candidate';

/** OpenRouter prefers providers without a significant outage in the last 30 seconds. */
export const RECENT_OUTAGE_MS = 30_000;

/**
 * 0: healthy. 1: recently failing (an outage in the last 30 s, or a half-open circuit: it is
 * probed by the traffic that falls back to it, not by fresh requests). 2: circuit open.
 */
export function availabilityTier(candidate: RouteCandidate, now: number): 0 | 1 | 2 {
  const health = candidate.health;
  if (!health) return 0;
  if (health.circuit === 'open') return 2;
  if (health.circuit === 'half-open') return 1;
  return health.lastOutageAt !== null && now - health.lastOutageAt < RECENT_OUTAGE_MS ? 1 : 0;
}

/**
 * Moves recently failing endpoints after the healthy ones and open circuits last, keeping the
 * order within each tier. Open circuits stay in the plan: when everything else fails, trying
 * them beats refusing.
 */
export function deprioritiseUnavailable(candidates: RouteCandidate[], now: number): RouteCandidate[] {
  return stablePartition(candidates, (c) => availabilityTier(c, now));
}

/** Orders by rank (lower first), keeping the order of equal ranks. */
export function stablePartition<T>(items: T[], rank: (item: T) => number): T[] {
  return items
    .map((item, index) => ({ item, index, rank: rank(item) }))
    .sort((a, b) => a.rank - b.rank || a.index - b.index)
    .map(({ item }) => item);
}
