import { sortCandidates, type ProviderSortKey } from './sort-candidates';
import { candidate, providersOf } from './test-candidates';

const candidates = [
  candidate('unmeasured', { prompt: 3, completion: 3 }),
  candidate('fast', { prompt: 5, completion: 5, health: { throughputTps: 200, ttftP50Ms: 900 } }),
  candidate('quick', { prompt: 1, completion: 2, health: { throughputTps: 50, ttftP50Ms: 100 } }),
  candidate('also-unmeasured', { prompt: 0.5, completion: 0.5 }),
];

describe('sortCandidates', () => {
  it.each<[ProviderSortKey, string[]]>([
    ['price', ['also-unmeasured', 'quick', 'unmeasured', 'fast']],
    ['throughput', ['fast', 'quick', 'unmeasured', 'also-unmeasured']],
    ['latency', ['quick', 'fast', 'unmeasured', 'also-unmeasured']],
  ])('by %s, unmeasured last in their order', (by, expected) => {
    expect(providersOf(sortCandidates(candidates, by))).toEqual(expected);
  });
});
