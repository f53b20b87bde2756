import { priceTokens } from './price-tokens';

describe('priceTokens', () => {
  it.each([
    ['prompt only, without float noise', 12, 0, { prompt: 1e-6, completion: 2e-6, request: 0 }, 0.000012],
    ['prompt and completion', 10, 5, { prompt: 1e-6, completion: 2e-6, request: 0 }, 0.00002],
    ['a per-request price', 3, 3, { prompt: 0.1e-6, completion: 0.2e-6, request: 0.005 }, 0.0050009],
    ['nothing', 0, 0, { prompt: 1e-6, completion: 1e-6, request: 0 }, 0],
    [
      'a very cheap model keeps its digits',
      7,
      0,
      { prompt: 0.013e-6, completion: 0, request: 0 },
      0.000000091,
    ],
  ])('%s', (_case, prompt, completion, pricing, expected) => {
    const cost = priceTokens(prompt, completion, pricing);
    expect(cost).toBe(expected);
    expect(String(cost).length).toBeLessThan(14);
  });
});

describe('priceTokens with the cache', () => {
  const pricing = {
    prompt: 3e-6,
    completion: 15e-6,
    request: 0,
    inputCacheRead: 0.3e-6,
    inputCacheWrite: 3.75e-6,
  };

  it('prices cache reads and writes at their own prices, the rest of the prompt at the prompt price', () => {
    // 1000 prompt tokens: 600 read, 300 written, 100 new; 10 completion tokens.
    expect(priceTokens(1000, 10, pricing, { read: 600, write: 300 })).toBe(0.001755);
  });

  it('prices cached tokens at the prompt price when the catalog has no cache prices', () => {
    expect(priceTokens(1000, 0, { prompt: 1e-6, completion: 0, request: 0 }, { read: 600, write: 0 })).toBe(
      0.001,
    );
  });
});
