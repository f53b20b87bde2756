import type { ChatJob, ChatRequest, Usage } from '../../contracts';
import { countTokens, estimatePromptTokens, tokenizerEncoding, type TokenizerEncoding } from '../../tokens';
import type { DeliveredText } from './delivered-text';
import { priceTokens } from './price-tokens';

/**
 * Usage counted by the gateway, for an answer whose provider did not count it (all or part):
 * the prompt from the request's messages as sent, the completion from what the answer delivered,
 * in the model's vocabulary (see tokenizerEncoding), priced as the provider's own count would be.
 *
 * `reported` is what the provider did count before the answer ended, if anything: its prompt count
 * (exact, cache reads included) is kept, and its completion count is a floor, since it may include
 * reasoning the provider never shows (Gemini's running `thoughtsTokenCount`). Reasoning the client
 * excluded, or that a provider keeps hidden, is otherwise not seen, so the estimate can fall short.
 */
export function estimateUsage(job: ChatJob, delivered: DeliveredText, reported: Usage | null): Usage {
  const encoding = tokenizerEncoding(job.model);
  const prompt =
    reported && reported.prompt_tokens > 0
      ? { tokens: reported.prompt_tokens, details: reported.prompt_tokens_details ?? { cached_tokens: 0 } }
      : { tokens: estimatePromptTokens(job.request, encoding), details: { cached_tokens: 0 } };
  const completion = estimateCompletion(job.request, delivered, reported, encoding);
  const { pricing } = job.endpoint;
  return {
    prompt_tokens: prompt.tokens,
    completion_tokens: completion.tokens,
    total_tokens: prompt.tokens + completion.tokens,
    cost: priceTokens(prompt.tokens, completion.tokens, pricing),
    prompt_tokens_details: prompt.details,
    completion_tokens_details: { reasoning_tokens: completion.reasoningTokens },
    usage_estimated: true,
  };
}

/** Never more than the request's `max_tokens`, which the provider cannot have passed. */
function estimateCompletion(
  request: ChatRequest,
  delivered: DeliveredText,
  reported: Usage | null,
  encoding: TokenizerEncoding,
): { tokens: number; reasoningTokens: number } {
  const limit = request.max_completion_tokens ?? request.max_tokens ?? Infinity;
  const reasoning = countTokens(delivered.reasoning, encoding);
  const counted = countTokens(delivered.answer, encoding) + reasoning;
  const tokens = Math.min(limit, Math.max(reported?.completion_tokens ?? 0, counted));
  const reportedReasoning = reported?.completion_tokens_details?.reasoning_tokens ?? 0;
  return { tokens, reasoningTokens: Math.min(tokens, Math.max(reportedReasoning, reasoning)) };
}
