import { formatUsdPerToken } from './format-price';

describe('formatUsdPerToken', () => {
  it.each([
    [0, '0'],
    [0.15e-6, '0.00000015'],
    [2e-6, '0.000002'],
    [1.1e-6, '0.0000011'],
    [0.5, '0.5'],
  ])('%p → %p', (price, text) => {
    expect(formatUsdPerToken(price)).toBe(text);
  });
});
