import type { ReasoningDetail } from '../../../libs/contracts';
import { toThinkingBlocks } from './to-thinking-blocks';

describe('toThinkingBlocks', () => {
  it.each<[string, string | null, ReasoningDetail[] | null, unknown[]]>([
    ['no reasoning', null, null, []],
    ['empty reasoning', '', [], []],
    ['reasoning text', 'Hmm.', null, [{ type: 'thinking', thinking: 'Hmm.', signature: '' }]],
    [
      'details, preferred to the same text',
      'Hmm.',
      [{ type: 'reasoning.text', text: 'Hmm.', signature: 'EvQB' }],
      [{ type: 'thinking', thinking: 'Hmm.', signature: 'EvQB' }],
    ],
    [
      'a summary and encrypted reasoning',
      null,
      [
        { type: 'reasoning.summary', summary: 'Thought about it.' },
        { type: 'reasoning.encrypted', data: 'gAAAA' },
      ],
      [
        { type: 'thinking', thinking: 'Thought about it.', signature: '' },
        { type: 'redacted_thinking', data: 'gAAAA' },
      ],
    ],
  ])('converts %s', (_case, reasoning, details, expected) => {
    expect(toThinkingBlocks(reasoning, details)).toEqual(expected);
  });
});
