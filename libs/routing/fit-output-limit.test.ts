import { fitOutputLimit } from './fit-output-limit';
import { candidate, providersOf } from './test-candidates';

const candidates = [
  candidate('short', { endpoint: { maxCompletionTokens: 1000 } }),
  candidate('long', { endpoint: { maxCompletionTokens: 8000 } }),
  candidate('unsaid'),
];

describe('fitOutputLimit', () => {
  it.each<[string, number | undefined, string[]]>([
    ['no max_tokens keeps all', undefined, ['short', 'long', 'unsaid']],
    ['a limit every endpoint takes keeps all', 1000, ['short', 'long', 'unsaid']],
    ['leaves out an endpoint whose maximum is below it', 4000, ['long', 'unsaid']],
  ])('%s', (_case, maxTokens, expected) => {
    expect(providersOf(fitOutputLimit(candidates, maxTokens))).toEqual(expected);
  });

  it('keeps every endpoint, to be clamped, when none can give the whole answer', () => {
    const limited = [candidates[0], candidate('other', { endpoint: { maxCompletionTokens: 2000 } })];
    expect(providersOf(fitOutputLimit(limited, 9000))).toEqual(['short', 'other']);
  });
});
