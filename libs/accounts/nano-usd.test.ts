import { fromNanoUsd, toNanoUsd, toNanoUsdCeil } from './nano-usd';

describe('nano-dollars', () => {
  it('rounds a cost to cover up and a cost that happened to the nearest', () => {
    expect(toNanoUsdCeil(0.0000000011)).toBe(2);
    expect(toNanoUsd(0.0000000011)).toBe(1);
  });

  it('keeps sums exact where dollars drift', () => {
    const parts = [0.1, 0.2, 0.3].map(toNanoUsd);
    expect(parts.reduce((a, b) => a + b) - toNanoUsd(0.6)).toBe(0);
    expect(fromNanoUsd(toNanoUsd(1.5))).toBe(1.5);
  });

  it('does not round an exact amount up', () => {
    expect(toNanoUsdCeil(0.000002)).toBe(2000);
  });
});
