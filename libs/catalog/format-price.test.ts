import { formatPricing, formatUsdPerToken } from './format-price';

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

describe('formatPricing', () => {
  it('lists cache prices only where the catalog has them', () => {
    expect(formatPricing({ prompt: 1e-6, completion: 2e-6, request: 0 })).toEqual({
      prompt: '0.000001',
      completion: '0.000002',
      request: '0',
      image: '0',
    });
    expect(
      formatPricing({
        prompt: 3e-6,
        completion: 15e-6,
        request: 0,
        inputCacheRead: 0.3e-6,
        inputCacheWrite: 3.75e-6,
      }),
    ).toMatchObject({ input_cache_read: '0.0000003', input_cache_write: '0.00000375' });
  });
});
