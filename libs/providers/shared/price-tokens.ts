import type { TokenPricing } from '../../contracts';

/**
 * What tokens cost in USD at per-token prices, as a decimal a person reads: per-token prices are
 * tiny binary fractions, so 12 × 0.000001 comes out 0.000011999999999999999; twelve significant
 * digits keep every real price exact (a billionth of a cent at any realistic size) and drop that noise.
 */
export function priceTokens(promptTokens: number, completionTokens: number, pricing: TokenPricing): number {
  const usd = promptTokens * pricing.prompt + completionTokens * pricing.completion + pricing.request;
  return Number(usd.toPrecision(12));
}
