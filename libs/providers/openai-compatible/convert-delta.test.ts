import { convertDelta } from './convert-delta';

describe('convertDelta', () => {
  it.each([
    {
      name: "OpenAI's first delta",
      upstream: { role: 'assistant', content: '', refusal: null },
      expected: { role: 'assistant', content: '', refusal: null },
    },
    { name: 'text', upstream: { content: 'Hello' }, expected: { content: 'Hello' } },
    { name: 'an empty delta', upstream: {}, expected: {} },
    {
      name: "DeepSeek's reasoning_content beside null content",
      upstream: { content: null, reasoning_content: 'We' },
      expected: { content: null, reasoning: 'We' },
    },
    {
      name: "DeepSeek's null reasoning_content after the reasoning",
      upstream: { content: 'r', reasoning_content: null },
      expected: { content: 'r' },
    },
    { name: "Groq's reasoning", upstream: { reasoning: 'Okay' }, expected: { reasoning: 'Okay' } },
    {
      name: 'the start of an OpenAI tool call',
      upstream: {
        tool_calls: [
          { index: 0, id: 'call_1', type: 'function' as const, function: { name: 'weather', arguments: '' } },
        ],
      },
      expected: {
        tool_calls: [
          { index: 0, id: 'call_1', type: 'function', function: { name: 'weather', arguments: '' } },
        ],
      },
    },
    {
      name: 'an argument fragment',
      upstream: { tool_calls: [{ index: 0, function: { arguments: '{"lo' } }] },
      expected: { tool_calls: [{ index: 0, function: { arguments: '{"lo' } }] },
    },
    {
      name: 'a fragment without arguments',
      upstream: { tool_calls: [{ index: 2 }] },
      expected: { tool_calls: [{ index: 2, function: { arguments: '' } }] },
    },
    {
      name: "Mistral's repeated empty name",
      upstream: {
        tool_calls: [{ index: 0, type: 'function' as const, function: { name: '', arguments: '{}' } }],
      },
      expected: { tool_calls: [{ index: 0, function: { arguments: '{}' } }] },
    },
    {
      name: "Mistral's whole calls without index or type",
      upstream: {
        content: null,
        tool_calls: [
          { id: 'a', function: { name: 'weather', arguments: '{}' } },
          { id: 'b', function: { name: 'time', arguments: '{}' } },
        ],
      },
      expected: {
        content: null,
        tool_calls: [
          { index: 0, id: 'a', type: 'function', function: { name: 'weather', arguments: '{}' } },
          { index: 1, id: 'b', type: 'function', function: { name: 'time', arguments: '{}' } },
        ],
      },
    },
  ])('converts $name', ({ upstream, expected }) => {
    expect(convertDelta(upstream, 0)).toEqual(expected);
  });

  it('gives calls without an index the next free ones', () => {
    const delta = convertDelta({ tool_calls: [{ id: 'c', function: { name: 'time', arguments: '{}' } }] }, 2);
    expect(delta.tool_calls?.[0].index).toBe(2);
  });

  it.each([
    {
      name: "DeepSeek's reasoning_content beside null content",
      upstream: { role: 'assistant', content: null, reasoning_content: 'We' },
      expected: { role: 'assistant', content: null },
    },
    { name: "Groq's reasoning", upstream: { reasoning: 'Okay' }, expected: {} },
    { name: 'text', upstream: { content: 'Hi' }, expected: { content: 'Hi' } },
  ])('leaves out the reasoning of $name when the client excluded it', ({ upstream, expected }) => {
    expect(convertDelta(upstream, 0, { includeReasoning: false })).toEqual(expected);
  });
});
