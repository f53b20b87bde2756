import type { TokenPricing } from '../contracts';

/** A price as OpenRouter's APIs write it: USD per token, as a decimal string without exponent. */
export function formatUsdPerToken(usdPerToken: number): string {
  if (usdPerToken === 0) return '0';
  return usdPerToken.toFixed(12).replace(/0+$/, '').replace(/\.$/, '');
}

/**
 * An endpoint's prices as OpenRouter's model and endpoint lists write them; cache prices only where
 * the catalog has them, as OpenRouter lists them only for providers that price the cache apart.
 */
export function formatPricing(pricing: TokenPricing): Record<string, string> {
  return {
    prompt: formatUsdPerToken(pricing.prompt),
    completion: formatUsdPerToken(pricing.completion),
    request: formatUsdPerToken(pricing.request),
    image: '0',
    ...(pricing.inputCacheRead !== undefined && {
      input_cache_read: formatUsdPerToken(pricing.inputCacheRead),
    }),
    ...(pricing.inputCacheWrite !== undefined && {
      input_cache_write: formatUsdPerToken(pricing.inputCacheWrite),
    }),
  };
}
