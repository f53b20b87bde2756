import type { EndpointHealth } from './endpoint-health';
import { availabilityTier, deprioritiseUnavailable } from './availability';
import { candidate, providersOf } from './test-candidates';

const NOW = 1_000_000;

describe('availabilityTier', () => {
  it.each<[string, Partial<EndpointHealth> | undefined, number]>([
    ['no data: healthy', undefined, 0],
    ['closed, no outage', {}, 0],
    ['outage 10 s ago', { lastOutageAt: NOW - 10_000 }, 1],
    ['outage 30 s ago is over', { lastOutageAt: NOW - 30_000 }, 0],
    ['half-open', { circuit: 'half-open' }, 1],
    ['open', { circuit: 'open' }, 2],
  ])('%s', (_case, health, tier) => {
    expect(availabilityTier(candidate('a', { health }), NOW)).toBe(tier);
  });
});

describe('deprioritiseUnavailable', () => {
  it('puts recently failing after healthy and open circuits last, keeping order within', () => {
    const list = [
      candidate('open', { health: { circuit: 'open' } }),
      candidate('failing', { health: { lastOutageAt: NOW - 1 } }),
      candidate('ok1'),
      candidate('half', { health: { circuit: 'half-open' } }),
      candidate('ok2', { health: {} }),
    ];
    expect(providersOf(deprioritiseUnavailable(list, NOW))).toEqual([
      'ok1',
      'ok2',
      'failing',
      'half',
      'open',
    ]);
  });
});
