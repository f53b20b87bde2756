import { availabilityTier } from './availability';
import { candidateKey, type RouteCandidate } from './route-candidate';

/**
 * A session's endpoint goes first while it is still in the plan (the request's filters allow it)
 * and healthy; a failing one loses the session, which then sticks to whatever serves next.
 */
export function pinStickyEndpoint(
  candidates: RouteCandidate[],
  stickyKey: string | undefined,
  now: number,
): RouteCandidate[] {
  if (!stickyKey) return candidates;
  const sticky = candidates.find((c) => candidateKey(c) === stickyKey);
  if (!sticky || availabilityTier(sticky, now) !== 0) return candidates;
  return [sticky, ...candidates.filter((c) => c !== sticky)];
}
