import type { TokenPricing, Usage } from '../../contracts';
import type { UsageMetadata } from './gemini-api';
import { priceTokens } from '../shared/price-tokens';

/**
 * Gemini's `usageMetadata` in OpenAI's terms, priced from the catalog (USD per token); null when
 * Gemini counted neither prompt nor answer, for the gateway to count instead. A count that is
 * missing beside the other is zero tokens.
 *
 * - Thinking tokens are billed as output but counted apart from `candidatesTokenCount`, so
 *   completion = candidates + thoughts, and the thoughts are the reasoning tokens.
 * - `promptTokenCount` already includes `cachedContentTokenCount`; tool-use prompt tokens (search
 *   results, code output fed back to the model) are input too.
 * https://ai.google.dev/api/generate-content#UsageMetadata
 * https://ai.google.dev/gemini-api/docs/thinking#pricing
 */
export function convertUsage(
  metadata: UsageMetadata | null | undefined,
  pricing: TokenPricing,
): Usage | null {
  if (metadata?.promptTokenCount == null && metadata?.candidatesTokenCount == null) return null;
  const promptTokens = (metadata?.promptTokenCount ?? 0) + (metadata?.toolUsePromptTokenCount ?? 0);
  const reasoningTokens = metadata?.thoughtsTokenCount ?? 0;
  const completionTokens = (metadata?.candidatesTokenCount ?? 0) + reasoningTokens;
  const cachedTokens = metadata?.cachedContentTokenCount ?? 0;
  return {
    prompt_tokens: promptTokens,
    completion_tokens: completionTokens,
    total_tokens: promptTokens + completionTokens,
    cost: priceTokens(promptTokens, completionTokens, pricing, { read: cachedTokens, write: 0 }),
    prompt_tokens_details: { cached_tokens: cachedTokens },
    completion_tokens_details: { reasoning_tokens: reasoningTokens },
  };
}
