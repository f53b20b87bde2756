import type { TokenPricing, Usage } from '../../contracts';
import { upstreamUsageSchema } from './openai-compatible-api';
import { priceTokens } from '../shared/price-tokens';

/**
 * Usage in OpenAI's terms, priced from the catalog (USD per token); null when the provider counted
 * nothing (no usage, or one with neither a prompt nor a completion count, or unreadable), for the
 * gateway to count instead. A count that is missing beside the other is zero tokens.
 *
 * - Cached prompt tokens: OpenAI's `prompt_tokens_details.cached_tokens`, else DeepSeek's
 *   `prompt_cache_hit_tokens` (https://api-docs.deepseek.com/guides/kv_cache).
 * - xAI leaves reasoning tokens out of `completion_tokens` and counts them only in `total_tokens`
 *   (https://docs.x.ai/docs/guides/reasoning); OpenAI counts them in, and they are billed as
 *   output, so they are added back when the total shows they were left out.
 * - `total_tokens` is recomputed so that it always equals prompt + completion.
 */
export function convertUsage(upstreamUsage: unknown, pricing: TokenPricing): Usage | null {
  const parsed = upstreamUsageSchema.safeParse(upstreamUsage);
  if (!parsed.success || (parsed.data.prompt_tokens == null && parsed.data.completion_tokens == null))
    return null;
  const usage = parsed.data;
  const promptTokens = usage.prompt_tokens ?? 0;
  const reportedCompletion = usage.completion_tokens ?? 0;
  const reasoningTokens = usage.completion_tokens_details?.reasoning_tokens ?? 0;
  const cachedTokens = usage.prompt_tokens_details?.cached_tokens ?? usage.prompt_cache_hit_tokens ?? 0;
  const reasoningLeftOut =
    reasoningTokens > 0 && usage.total_tokens === promptTokens + reportedCompletion + reasoningTokens;
  const completionTokens = reasoningLeftOut ? reportedCompletion + reasoningTokens : reportedCompletion;
  return {
    prompt_tokens: promptTokens,
    completion_tokens: completionTokens,
    total_tokens: promptTokens + completionTokens,
    cost: priceTokens(promptTokens, completionTokens, pricing, { read: cachedTokens, write: 0 }),
    prompt_tokens_details: { cached_tokens: cachedTokens },
    completion_tokens_details: { reasoning_tokens: reasoningTokens },
  };
}
