import type { TokenPricing } from '../../contracts';

/** Prompt tokens the provider read from or wrote to its cache; they are part of the prompt's count. */
export interface CachedTokens {
  read: number;
  write: number;
}

/**
 * What tokens cost in USD at per-token prices, cache reads and writes at their own prices where the
 * catalog has them, as a decimal a person reads: per-token prices are tiny binary fractions, so
 * 12 × 0.000001 comes out 0.000011999999999999999; twelve significant digits keep every real price
 * exact (a billionth of a cent at any realistic size) and drop that noise.
 */
export function priceTokens(
  promptTokens: number,
  completionTokens: number,
  pricing: TokenPricing,
  cached: CachedTokens = { read: 0, write: 0 },
): number {
  const uncached = Math.max(0, promptTokens - cached.read - cached.write);
  const usd =
    uncached * pricing.prompt +
    cached.read * (pricing.inputCacheRead ?? pricing.prompt) +
    cached.write * (pricing.inputCacheWrite ?? pricing.prompt) +
    completionTokens * pricing.completion +
    pricing.request;
  return Number(usd.toPrecision(12));
}
