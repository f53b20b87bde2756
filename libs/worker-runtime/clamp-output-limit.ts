import type { ChatRequest } from '../contracts';

/**
 * The request's output limit, no higher than the endpoint's `max_completion_tokens`: routing sends a
 * larger `max_tokens` to such an endpoint only when no endpoint of the model takes it whole
 * (libs/routing/fit-output-limit.ts), and the provider would refuse it.
 */
export function clampOutputLimit(request: ChatRequest, maxCompletionTokens: number | undefined): ChatRequest {
  if (maxCompletionTokens === undefined) return request;
  const clamped = { ...request };
  let changed = false;
  for (const field of ['max_tokens', 'max_completion_tokens'] as const) {
    const asked = request[field];
    if (typeof asked === 'number' && asked > maxCompletionTokens) {
      clamped[field] = maxCompletionTokens;
      changed = true;
    }
  }
  return changed ? clamped : request;
}
