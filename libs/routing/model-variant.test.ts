import { parseModelVariant } from './model-variant';

const known = new Set(['x/one', 'x/odd:free']);
const isKnown = (id: string) => known.has(id);

describe('parseModelVariant', () => {
  it.each([
    ['x/one', { modelId: 'x/one', freeOnly: false }],
    ['x/one:nitro', { modelId: 'x/one', sortBy: 'throughput', freeOnly: false }],
    ['x/one:floor', { modelId: 'x/one', sortBy: 'price', freeOnly: false }],
    ['x/one:free', { modelId: 'x/one', freeOnly: true }],
    ['x/one:thinking', { modelId: 'x/one:thinking', freeOnly: false }],
    ['x/odd:free', { modelId: 'x/odd:free', freeOnly: false }],
  ])('%s', (requested, expected) => {
    expect(parseModelVariant(requested, isKnown)).toEqual(expected);
  });
});
