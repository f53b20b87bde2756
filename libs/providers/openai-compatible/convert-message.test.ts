import { convertMessage } from './convert-message';

const weather = { name: 'weather', arguments: '{"location":"San Francisco"}' };

describe('convertMessage', () => {
  it.each([
    {
      name: 'plain text',
      upstream: { role: 'assistant', content: 'Hello' },
      expected: { role: 'assistant', content: 'Hello' },
    },
    {
      name: "OpenAI's null refusal",
      upstream: { role: 'assistant', content: 'Hello', refusal: null, annotations: [] },
      expected: { role: 'assistant', content: 'Hello', refusal: null },
    },
    {
      name: 'a refusal',
      upstream: { role: 'assistant', content: null, refusal: 'I cannot help with that.' },
      expected: { role: 'assistant', content: null, refusal: 'I cannot help with that.' },
    },
    {
      name: 'missing content',
      upstream: { role: 'assistant' },
      expected: { role: 'assistant', content: null },
    },
    {
      name: "DeepSeek's reasoning_content",
      upstream: { role: 'assistant', content: '3', reasoning_content: 'Count the r.' },
      expected: { role: 'assistant', content: '3', reasoning: 'Count the r.' },
    },
    {
      name: "Groq's reasoning",
      upstream: { role: 'assistant', content: '3', reasoning: 'Count the r.' },
      expected: { role: 'assistant', content: '3', reasoning: 'Count the r.' },
    },
    {
      name: 'empty reasoning',
      upstream: { role: 'assistant', content: 'Hi', reasoning_content: '' },
      expected: { role: 'assistant', content: 'Hi' },
    },
    {
      name: "Mistral's tool call without type, and null tool_calls elsewhere",
      upstream: { role: 'assistant', tool_calls: [{ id: 'gSIMJiOkT', function: weather }] },
      expected: {
        role: 'assistant',
        content: null,
        tool_calls: [{ id: 'gSIMJiOkT', type: 'function', function: weather }],
      },
    },
    {
      name: "DeepSeek's tool call with an index",
      upstream: {
        content: '',
        tool_calls: [{ index: 0, id: 'call_0', type: 'function' as const, function: weather }],
      },
      expected: {
        role: 'assistant',
        content: '',
        tool_calls: [{ id: 'call_0', type: 'function', function: weather }],
      },
    },
    {
      name: 'null tool calls',
      upstream: { role: 'assistant', content: 'Hi', tool_calls: null },
      expected: { role: 'assistant', content: 'Hi' },
    },
    {
      name: 'an empty tool call list',
      upstream: { role: 'assistant', content: 'Hi', tool_calls: [] },
      expected: { role: 'assistant', content: 'Hi' },
    },
  ])('converts $name', ({ upstream, expected }) => {
    expect(convertMessage(upstream)).toEqual(expected);
  });

  it.each([
    { name: "DeepSeek's reasoning_content", upstream: { content: '3', reasoning_content: 'Count the r.' } },
    { name: "Groq's reasoning", upstream: { content: '3', reasoning: 'Count the r.' } },
  ])('leaves out $name when the client excluded the reasoning', ({ upstream }) => {
    expect(convertMessage(upstream, { includeReasoning: false })).toEqual({
      role: 'assistant',
      content: '3',
    });
  });
});
