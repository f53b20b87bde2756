import type { TokenPricing, Usage } from '../../contracts';
import { upstreamUsageSchema } from './openai-compatible-api';

/**
 * Usage in OpenAI's terms, priced from the catalog (USD per token). What counts as missing or
 * unreadable is zero tokens: the answer was delivered, and the per-request price still applies.
 *
 * - Cached prompt tokens: OpenAI's `prompt_tokens_details.cached_tokens`, else DeepSeek's
 *   `prompt_cache_hit_tokens` (https://api-docs.deepseek.com/guides/kv_cache).
 * - xAI leaves reasoning tokens out of `completion_tokens` and counts them only in `total_tokens`
 *   (https://docs.x.ai/docs/guides/reasoning); OpenAI counts them in, and they are billed as
 *   output, so they are added back when the total shows they were left out.
 * - `total_tokens` is recomputed so that it always equals prompt + completion.
 */
export function convertUsage(upstreamUsage: unknown, pricing: TokenPricing): Usage {
  const parsed = upstreamUsageSchema.safeParse(upstreamUsage);
  const usage = parsed.success ? parsed.data : {};
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
    cost: promptTokens * pricing.prompt + completionTokens * pricing.completion + pricing.request,
    prompt_tokens_details: { cached_tokens: cachedTokens },
    completion_tokens_details: { reasoning_tokens: reasoningTokens },
  };
}
