import type { TokenPricing, Usage } from '../../contracts';
import type { AnthropicUsage } from './anthropic-api';
import { priceTokens } from '../shared/price-tokens';

/** Usage with OpenRouter's count of prompt tokens written to the cache. */
export type AnthropicGatewayUsage = Usage & {
  prompt_tokens_details: { cached_tokens: number; cache_write_tokens: number };
  completion_tokens_details: { reasoning_tokens: number };
};

/**
 * Anthropic's usage in OpenAI's terms, priced from the catalog (USD per token). Anthropic counts
 * cache reads and cache writes apart from `input_tokens`; every one of them is a prompt token.
 * Reasoning tokens are part of `output_tokens` (`output_tokens_details.thinking_tokens` says how
 * many). Null when Anthropic counted nothing (a proxy that strips usage), for the gateway to count
 * instead; a count that is missing beside the others is zero.
 * https://platform.claude.com/docs/en/build-with-claude/prompt-caching#tracking-cache-performance
 * https://openrouter.ai/docs/use-cases/usage-accounting
 */
export function convertUsage(
  usage: AnthropicUsage | null | undefined,
  pricing: TokenPricing,
): AnthropicGatewayUsage | null {
  const { input_tokens, output_tokens, cache_read_input_tokens, cache_creation_input_tokens } = usage ?? {};
  const counts = [input_tokens, output_tokens, cache_read_input_tokens, cache_creation_input_tokens];
  if (counts.every((count) => count == null)) return null;
  const cachedTokens = cache_read_input_tokens ?? 0;
  const cacheWriteTokens = cache_creation_input_tokens ?? 0;
  const promptTokens = (input_tokens ?? 0) + cachedTokens + cacheWriteTokens;
  const completionTokens = output_tokens ?? 0;
  return {
    prompt_tokens: promptTokens,
    completion_tokens: completionTokens,
    total_tokens: promptTokens + completionTokens,
    cost: priceTokens(promptTokens, completionTokens, pricing, {
      read: cachedTokens,
      write: cacheWriteTokens,
    }),
    prompt_tokens_details: { cached_tokens: cachedTokens, cache_write_tokens: cacheWriteTokens },
    completion_tokens_details: { reasoning_tokens: usage?.output_tokens_details?.thinking_tokens ?? 0 },
  };
}

/**
 * A stream's usage so far: `message_start` gives the input counts, each `message_delta` cumulative
 * counts; a field a later event leaves out or sends as null keeps its earlier value.
 * https://platform.claude.com/docs/en/build-with-claude/streaming#event-types
 */
export function mergeUsage(
  earlier: AnthropicUsage,
  later: AnthropicUsage | null | undefined,
): AnthropicUsage {
  const known = Object.entries(later ?? {}).filter(([, value]) => value != null);
  return { ...earlier, ...Object.fromEntries(known) };
}
