/** A price as OpenRouter's APIs write it: USD per token, as a decimal string without exponent. */
export function formatUsdPerToken(usdPerToken: number): string {
  if (usdPerToken === 0) return '0';
  return usdPerToken.toFixed(12).replace(/0+$/, '').replace(/\.$/, '');
}
