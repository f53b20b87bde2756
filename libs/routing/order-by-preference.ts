import { stablePartition } from './availability';
import type { RouteCandidate } from './route-candidate';

/**
 * `provider.order`: the named providers first, in that order; the others keep their place after
 * them, as fallbacks. https://openrouter.ai/docs/features/provider-routing#ordering-specific-providers
 */
export function orderByPreference(candidates: RouteCandidate[], order: string[]): RouteCandidate[] {
  return stablePartition(candidates, ({ endpoint }) => {
    const index = order.indexOf(endpoint.providerId);
    return index === -1 ? order.length : index;
  });
}
