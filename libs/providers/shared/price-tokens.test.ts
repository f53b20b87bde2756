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
