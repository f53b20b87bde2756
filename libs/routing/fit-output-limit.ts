import type { RouteCandidate } from './route-candidate';

/**
 * A `max_tokens` above an endpoint's `max_completion_tokens` leaves that endpoint out while another
 * of the model can give the whole answer; when none can, they all stay and the worker clamps the
 * limit to the endpoint's (an answer a little shorter than asked beats no answer).
 */
export function fitOutputLimit(
  candidates: RouteCandidate[],
  maxTokens: number | undefined,
): RouteCandidate[] {
  if (maxTokens === undefined) return candidates;
  const fitting = candidates.filter(
    ({ endpoint }) => endpoint.maxCompletionTokens === undefined || endpoint.maxCompletionTokens >= maxTokens,
  );
  return fitting.length > 0 ? fitting : candidates;
}
