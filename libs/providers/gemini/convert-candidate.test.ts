import type { GeminiPart } from './gemini-api';
import { convertCandidateParts } from './convert-candidate';

const detail = (data: string, index: number, id?: string) => ({
  type: 'reasoning.encrypted',
  data,
  ...(id && { id }),
  format: 'google-gemini-v1',
  index,
});

describe('convertCandidateParts', () => {
  it.each<{ name: string; parts: GeminiPart[]; message: unknown }>([
    { name: 'no parts', parts: [], message: { role: 'assistant', content: '' } },
    {
      name: 'text parts, joined',
      parts: [{ text: 'Hello' }, { text: ', world' }],
      message: { role: 'assistant', content: 'Hello, world' },
    },
    {
      name: 'thoughts as reasoning and a signed answer',
      parts: [
        { text: 'Let me think.', thought: true },
        { text: 'Three.', thoughtSignature: 'sig-text' },
      ],
      message: {
        role: 'assistant',
        content: 'Three.',
        reasoning: 'Let me think.',
        reasoning_details: [detail('sig-text', 0)],
      },
    },
    {
      name: 'parallel calls, the first signed, ids from the generation',
      parts: [
        { functionCall: { name: 'weather', args: { city: 'Paris' } }, thoughtSignature: 'sig-call' },
        { functionCall: { name: 'ping' } },
      ],
      message: {
        role: 'assistant',
        content: null,
        reasoning_details: [detail('sig-call', 0, 'call_1-x_0')],
        tool_calls: [
          {
            id: 'call_1-x_0',
            type: 'function',
            function: { name: 'weather', arguments: '{"city":"Paris"}' },
          },
          { id: 'call_1-x_1', type: 'function', function: { name: 'ping', arguments: '{}' } },
        ],
      },
    },
    {
      name: "Gemini's own call id, kept",
      parts: [{ text: 'Calling.' }, { functionCall: { id: 'fc-9', name: 'ping', args: {} } }],
      message: {
        role: 'assistant',
        content: 'Calling.',
        tool_calls: [{ id: 'fc-9', type: 'function', function: { name: 'ping', arguments: '{}' } }],
      },
    },
  ])('converts $name', ({ parts, message }) => {
    expect(convertCandidateParts(parts, 'gen-1-x')).toEqual(message);
  });
});
