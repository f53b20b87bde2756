import { orderByPreference } from './order-by-preference';
import { candidate, providersOf } from './test-candidates';

describe('orderByPreference', () => {
  it.each([
    [
      ['c', 'a'],
      ['c', 'a', 'b', 'd'],
    ],
    [['d'], ['d', 'a', 'b', 'c']],
    [['nobody'], ['a', 'b', 'c', 'd']],
  ])('order %j', (order, expected) => {
    const list = ['a', 'b', 'c', 'd'].map((id) => candidate(id));
    expect(providersOf(orderByPreference(list, order))).toEqual(expected);
  });
});
