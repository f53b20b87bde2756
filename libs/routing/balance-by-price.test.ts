import { balanceByPrice } from './balance-by-price';
import { candidate, providersOf } from './test-candidates';

const NOW = 1_000_000;
// Prices per million prompt + completion tokens: 1, 2 and 3, as OpenRouter's example.
const a = candidate('a', { prompt: 0.5, completion: 0.5 });
const b = candidate('b', { prompt: 1, completion: 1 });
const c = candidate('c', { prompt: 1.5, completion: 1.5 });

/** A seeded generator (mulberry32), so the distribution test is repeatable. */
function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

describe('balanceByPrice', () => {
  it.each([
    ['a low draw picks the cheapest', 0, ['a', 'b', 'c']],
    // Weights 1, 1/4, 1/9 of 49/36: a up to 0.735, b up to 0.918, then c.
    ['a middle draw picks b, the rest cheapest first', 0.8, ['b', 'a', 'c']],
    ['a high draw picks c', 0.95, ['c', 'a', 'b']],
  ])('%s', (_case, draw, expected) => {
    expect(providersOf(balanceByPrice([c, b, a], () => draw, NOW))).toEqual(expected);
  });

  it('splits traffic by 1/price²', () => {
    const random = seeded(42);
    const counts: Record<string, number> = { a: 0, b: 0, c: 0 };
    for (let i = 0; i < 20_000; i++) counts[providersOf(balanceByPrice([a, b, c], random, NOW))[0]]++;
    expect(counts.a / 20_000).toBeCloseTo(36 / 49, 1);
    expect(counts.b / 20_000).toBeCloseTo(9 / 49, 1);
    expect(counts.c / 20_000).toBeCloseTo(4 / 49, 1);
  });

  it('leaves a recent outage out of the draw and last among fallbacks', () => {
    const failing = candidate('a', { prompt: 0.5, completion: 0.5, health: { lastOutageAt: NOW - 5_000 } });
    expect(providersOf(balanceByPrice([failing, b, c], () => 0, NOW))).toEqual(['b', 'c', 'a']);
  });

  it('draws an outage older than 30 s again', () => {
    const recovered = candidate('a', {
      prompt: 0.5,
      completion: 0.5,
      health: { lastOutageAt: NOW - 31_000 },
    });
    expect(providersOf(balanceByPrice([recovered, b], () => 0, NOW))[0]).toBe('a');
  });

  it('favours a free endpoint without dividing by zero', () => {
    const free = candidate('free', { prompt: 0, completion: 0 });
    expect(providersOf(balanceByPrice([b, free], () => 0.99, NOW))[0]).toBe('free');
  });
});
