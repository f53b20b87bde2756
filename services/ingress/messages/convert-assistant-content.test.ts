import { convertAssistantContent } from './convert-assistant-content';
import type { AssistantBlock } from './messages-request';

describe('convertAssistantContent', () => {
  it.each<[string, AssistantBlock[], unknown]>([
    [
      'text blocks, as one string',
      [
        { type: 'text', text: 'a' },
        { type: 'text', text: 'b' },
      ],
      {
        role: 'assistant',
        content: 'a\n\nb',
      },
    ],
    ['no blocks, as empty content', [], { role: 'assistant', content: '' }],
    [
      'tool_use, as tool calls with JSON arguments and null content',
      [
        { type: 'tool_use', id: 'toolu_1', name: 'get_weather', input: { city: 'Paris' } },
        { type: 'tool_use', id: 'toolu_2', name: 'get_time', input: {} },
      ],
      {
        role: 'assistant',
        content: null,
        tool_calls: [
          {
            id: 'toolu_1',
            type: 'function',
            function: { name: 'get_weather', arguments: '{"city":"Paris"}' },
          },
          { id: 'toolu_2', type: 'function', function: { name: 'get_time', arguments: '{}' } },
        ],
      },
    ],
    [
      'text beside a tool call',
      [
        { type: 'text', text: 'Let me look.' },
        { type: 'tool_use', id: 'toolu_1', name: 'f', input: { a: 1 } },
      ],
      {
        role: 'assistant',
        content: 'Let me look.',
        tool_calls: [{ id: 'toolu_1', type: 'function', function: { name: 'f', arguments: '{"a":1}' } }],
      },
    ],
    [
      'thinking with its signature, and redacted thinking, as reasoning details',
      [
        { type: 'thinking', thinking: 'Hmm.', signature: 'EvQB' },
        { type: 'redacted_thinking', data: 'EmwK' },
        { type: 'text', text: '42' },
      ],
      {
        role: 'assistant',
        content: '42',
        reasoning_details: [
          { type: 'reasoning.text', text: 'Hmm.', signature: 'EvQB' },
          { type: 'reasoning.encrypted', data: 'EmwK' },
        ],
      },
    ],
    [
      'thinking without a signature (another model wrote it)',
      [{ type: 'thinking', thinking: 'Hmm.', signature: '' }],
      { role: 'assistant', content: '', reasoning_details: [{ type: 'reasoning.text', text: 'Hmm.' }] },
    ],
  ])('converts %s', (_case, blocks, expected) => {
    expect(convertAssistantContent(blocks)).toEqual(expected);
  });
});
