import type { ContentBlock } from './anthropic-api';
import { convertContent } from './convert-content';

const format = 'anthropic-claude-v1';
const plain = { answeredThroughJsonTool: false, excludeReasoning: false };

describe('convertContent', () => {
  it.each<{ name: string; blocks: ContentBlock[]; options?: typeof plain; expected: unknown }>([
    {
      name: 'text',
      blocks: [{ type: 'text', text: 'Hello' }],
      expected: { role: 'assistant', content: 'Hello' },
    },
    {
      name: 'texts, joined',
      blocks: [
        { type: 'text', text: 'Hello, ' },
        { type: 'text', text: 'world' },
      ],
      expected: { role: 'assistant', content: 'Hello, world' },
    },
    { name: 'nothing', blocks: [], expected: { role: 'assistant', content: null } },
    {
      name: 'text and tool calls',
      blocks: [
        { type: 'text', text: 'Checking.' },
        { type: 'tool_use', id: 'toolu_1', name: 'weather', input: { city: 'Paris' } },
        { type: 'tool_use', id: 'toolu_2', name: 'now', input: {} },
      ],
      expected: {
        role: 'assistant',
        content: 'Checking.',
        tool_calls: [
          { id: 'toolu_1', type: 'function', function: { name: 'weather', arguments: '{"city":"Paris"}' } },
          { id: 'toolu_2', type: 'function', function: { name: 'now', arguments: '{}' } },
        ],
      },
    },
    {
      name: 'only a tool call, with null content',
      blocks: [{ type: 'tool_use', id: 'toolu_1', name: 'now', input: {} }],
      expected: {
        role: 'assistant',
        content: null,
        tool_calls: [{ id: 'toolu_1', type: 'function', function: { name: 'now', arguments: '{}' } }],
      },
    },
    {
      name: 'thinking and redacted thinking as reasoning',
      blocks: [
        { type: 'thinking', thinking: 'Let me think.', signature: 'sig-1' },
        { type: 'redacted_thinking', data: 'EmwKAhgB' },
        { type: 'text', text: '42' },
      ],
      expected: {
        role: 'assistant',
        content: '42',
        reasoning: 'Let me think.',
        reasoning_details: [
          { type: 'reasoning.text', text: 'Let me think.', signature: 'sig-1', format, index: 0 },
          { type: 'reasoning.encrypted', data: 'EmwKAhgB', format, index: 1 },
        ],
      },
    },
    {
      name: 'omitted thinking (empty text) with its signature',
      blocks: [
        { type: 'thinking', thinking: '', signature: 'sig-1' },
        { type: 'text', text: '42' },
      ],
      expected: {
        role: 'assistant',
        content: '42',
        reasoning_details: [{ type: 'reasoning.text', text: '', signature: 'sig-1', format, index: 0 }],
      },
    },
    {
      name: 'no reasoning when excluded',
      blocks: [
        { type: 'thinking', thinking: 'Let me think.', signature: 'sig-1' },
        { type: 'text', text: '42' },
      ],
      options: { answeredThroughJsonTool: false, excludeReasoning: true },
      expected: { role: 'assistant', content: '42' },
    },
    {
      name: 'the json tool’s input as the text',
      blocks: [{ type: 'tool_use', id: 'toolu_1', name: 'json', input: { city: 'Paris' } }],
      options: { answeredThroughJsonTool: true, excludeReasoning: false },
      expected: { role: 'assistant', content: '{"city":"Paris"}' },
    },
    {
      name: 'a tool named json as a tool call when no JSON answer was asked',
      blocks: [{ type: 'tool_use', id: 'toolu_1', name: 'json', input: {} }],
      expected: {
        role: 'assistant',
        content: null,
        tool_calls: [{ id: 'toolu_1', type: 'function', function: { name: 'json', arguments: '{}' } }],
      },
    },
    {
      name: 'blocks of other kinds, passed over',
      blocks: [{ type: 'ignored' }, { type: 'text', text: 'Found it.' }],
      expected: { role: 'assistant', content: 'Found it.' },
    },
  ])('converts $name', ({ blocks, options, expected }) => {
    expect(convertContent(blocks, options ?? plain)).toEqual(expected);
  });
});
