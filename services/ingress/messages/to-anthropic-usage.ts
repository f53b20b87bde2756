import type { GatewayUsage } from '../../../libs/contracts';

export interface AnthropicUsage {
  input_tokens: number;
  output_tokens: number;
  cache_read_input_tokens: number;
  cache_creation_input_tokens: number;
}

/**
 * OpenAI counts cached tokens inside `prompt_tokens`; Anthropic's `input_tokens` leaves out what was
 * read from or written to the cache, and counts those apart. Reasoning tokens are output on both sides.
 * https://docs.anthropic.com/en/api/messages#response-usage
 * https://openrouter.ai/docs/use-cases/usage-accounting
 */
export function toAnthropicUsage(usage: GatewayUsage | null): AnthropicUsage {
  const cacheRead = usage?.prompt_tokens_details?.cached_tokens ?? 0;
  const cacheWrite = usage?.prompt_tokens_details?.cache_write_tokens ?? 0;
  return {
    input_tokens: Math.max(0, (usage?.prompt_tokens ?? 0) - cacheRead - cacheWrite),
    output_tokens: usage?.completion_tokens ?? 0,
    cache_read_input_tokens: cacheRead,
    cache_creation_input_tokens: cacheWrite,
  };
}
