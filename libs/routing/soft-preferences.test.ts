import type { ProviderPreferences } from '../contracts';
import { applySoftPreferences } from './soft-preferences';
import { candidate, providersOf } from './test-candidates';

const list = [
  candidate('slow', { health: { ttftP50Ms: 3_000, ttftP90Ms: 6_000, throughputTps: 20 } }),
  candidate('spiky', { health: { ttftP50Ms: 500, ttftP90Ms: 5_000, throughputTps: 80 } }),
  candidate('unmeasured'),
  candidate('fast', { health: { ttftP50Ms: 400, ttftP90Ms: 900, throughputTps: 150 } }),
];

describe('applySoftPreferences', () => {
  it.each<[string, ProviderPreferences, string[]]>([
    ['none: unchanged', {}, ['slow', 'spiky', 'unmeasured', 'fast']],
    ['max latency in seconds (p50)', { preferred_max_latency: 1 }, ['spiky', 'unmeasured', 'fast', 'slow']],
    ['max latency p90', { preferred_max_latency: { p90: 2 } }, ['unmeasured', 'fast', 'slow', 'spiky']],
    ['min throughput (p50)', { preferred_min_throughput: 100 }, ['unmeasured', 'fast', 'slow', 'spiky']],
    [
      'min throughput object',
      { preferred_min_throughput: { p50: 50 } },
      ['spiky', 'unmeasured', 'fast', 'slow'],
    ],
    [
      'unmeasured percentiles are not judged',
      { preferred_min_throughput: { p99: 1_000 } },
      ['slow', 'spiky', 'unmeasured', 'fast'],
    ],
  ])('%s; never excludes', (_case, provider, expected) => {
    expect(providersOf(applySoftPreferences(list, provider))).toEqual(expected);
  });
});
