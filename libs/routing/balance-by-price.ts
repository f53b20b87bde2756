import { availabilityTier, deprioritiseUnavailable } from './availability';
import { tokenPrice, type RouteCandidate } from './route-candidate';

/** A free endpoint's weight would be infinite; this floor keeps it finite and still dominant. */
const MIN_PRICE_PER_TOKEN = 1e-12;

/**
 * OpenRouter's default load balancing, without `order` or `sort`: among endpoints with no
 * significant outage in the last 30 s, pick one at random weighted by the inverse square of its
 * price (prompt + completion per token); the others follow as fallbacks, cheapest first, and the
 * recently failing ones last. With every endpoint failing, the pick is among all of them.
 * https://openrouter.ai/docs/features/provider-routing#price-based-load-balancing-default-strategy
 */
export function balanceByPrice(
  candidates: RouteCandidate[],
  random: () => number,
  now: number,
): RouteCandidate[] {
  const byPrice = [...candidates].sort((a, b) => tokenPrice(a) - tokenPrice(b));
  const stable = byPrice.filter((c) => availabilityTier(c, now) === 0);
  const pool = stable.length > 0 ? stable : byPrice;
  if (pool.length === 0) return [];
  const picked = pickWeighted(pool, random);
  return [
    picked,
    ...deprioritiseUnavailable(
      byPrice.filter((c) => c !== picked),
      now,
    ),
  ];
}

function pickWeighted(pool: RouteCandidate[], random: () => number): RouteCandidate {
  const weights = pool.map((c) => 1 / Math.max(tokenPrice(c), MIN_PRICE_PER_TOKEN) ** 2);
  let remaining = random() * weights.reduce((sum, w) => sum + w, 0);
  for (const [index, weight] of weights.entries()) {
    remaining -= weight;
    if (remaining < 0) return pool[index];
  }
  return pool[pool.length - 1];
}
