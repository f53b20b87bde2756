import { pinStickyEndpoint } from './sticky-endpoint';
import { candidate, providersOf } from './test-candidates';

const NOW = 1_000_000;

describe('pinStickyEndpoint', () => {
  it.each<[string, string | undefined, string[]]>([
    ['no session endpoint', undefined, ['a', 'b', 'failing']],
    ['the session endpoint goes first', 'b@x/one', ['b', 'a', 'failing']],
    ['already first', 'a@x/one', ['a', 'b', 'failing']],
    ['a failing one loses the session', 'failing@x/one', ['a', 'b', 'failing']],
    ['one the filters excluded stays out', 'gone@x/one', ['a', 'b', 'failing']],
    ['same provider, another model: no match', 'b@x/two', ['a', 'b', 'failing']],
  ])('%s', (_case, sticky, expected) => {
    const list = [candidate('a'), candidate('b'), candidate('failing', { health: { circuit: 'open' } })];
    expect(providersOf(pinStickyEndpoint(list, sticky, NOW))).toEqual(expected);
  });
});
