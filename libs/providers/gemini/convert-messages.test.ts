import { GatewayError, type ChatMessage } from '../../contracts';
import { convertMessages, SKIP_THOUGHT_SIGNATURE } from './convert-messages';

const weatherCall = (id: string, args = '{"city":"Paris"}') => ({
  id,
  type: 'function' as const,
  function: { name: 'weather', arguments: args },
});
const signature = (data: string, id?: string) => ({
  type: 'reasoning.encrypted',
  data,
  ...(id && { id }),
  format: 'google-gemini-v1',
  index: 0,
});

const gemini25 = { requireToolCallSignatures: false };
const gemini3 = { requireToolCallSignatures: true };

describe('convertMessages', () => {
  it.each<{ name: string; messages: ChatMessage[]; options?: typeof gemini3; expected: unknown }>([
    {
      name: 'a user message',
      messages: [{ role: 'user', content: 'Hi' }],
      expected: { contents: [{ role: 'user', parts: [{ text: 'Hi' }] }] },
    },
    {
      name: 'system and developer messages, joined into the system instruction wherever they stand',
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Hi' },
        { role: 'developer', content: [{ type: 'text', text: 'Answer in French.' }] },
      ],
      expected: {
        systemInstruction: { parts: [{ text: 'Be brief.' }, { text: 'Answer in French.' }] },
        contents: [{ role: 'user', parts: [{ text: 'Hi' }] }],
      },
    },
    {
      name: 'user parts: text, images, audio and a file',
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'What is this?' },
            { type: 'text', text: '' },
            { type: 'image_url', image_url: { url: 'data:image/png;base64,AAAA' } },
            { type: 'image_url', image_url: { url: 'https://example.com/a.png', detail: 'high' } },
            { type: 'input_audio', input_audio: { data: 'UklGR', format: 'wav' } },
            { type: 'file', file: { filename: 'a.pdf', file_data: 'data:application/pdf;base64,JVBE' } },
          ],
        },
      ],
      expected: {
        contents: [
          {
            role: 'user',
            parts: [
              { text: 'What is this?' },
              { inlineData: { mimeType: 'image/png', data: 'AAAA' } },
              { fileData: { mimeType: 'image/png', fileUri: 'https://example.com/a.png' } },
              { inlineData: { mimeType: 'audio/wav', data: 'UklGR' } },
              { inlineData: { mimeType: 'application/pdf', data: 'JVBE' } },
            ],
          },
        ],
      },
    },
    {
      name: 'empty messages, left out',
      messages: [
        { role: 'user', content: '' },
        { role: 'assistant', content: '' },
        { role: 'user', content: 'Hi' },
      ],
      expected: { contents: [{ role: 'user', parts: [{ text: 'Hi' }] }] },
    },
    {
      name: 'a tool round trip, signatures returned to their calls, results in one turn',
      messages: [
        { role: 'user', content: 'Weather in Paris and Rome?' },
        {
          role: 'assistant',
          content: 'Checking.',
          tool_calls: [weatherCall('call_1'), weatherCall('call_2', '{"city":"Rome"}')],
          reasoning_details: [signature('text-sig'), signature('call-sig', 'call_1')],
        },
        { role: 'tool', tool_call_id: 'call_1', content: '{"temperature":21}' },
        { role: 'tool', tool_call_id: 'call_2', content: 'sunny' },
        { role: 'user', content: 'Thanks' },
      ],
      expected: {
        contents: [
          { role: 'user', parts: [{ text: 'Weather in Paris and Rome?' }] },
          {
            role: 'model',
            parts: [
              { text: 'Checking.', thoughtSignature: 'text-sig' },
              { functionCall: { name: 'weather', args: { city: 'Paris' } }, thoughtSignature: 'call-sig' },
              { functionCall: { name: 'weather', args: { city: 'Rome' } } },
            ],
          },
          {
            role: 'user',
            parts: [
              { functionResponse: { name: 'weather', response: { temperature: 21 } } },
              { functionResponse: { name: 'weather', response: { content: 'sunny' } } },
            ],
          },
          { role: 'user', parts: [{ text: 'Thanks' }] },
        ],
      },
    },
    {
      name: 'no-argument calls and non-object results',
      messages: [
        { role: 'assistant', content: null, tool_calls: [weatherCall('a', '')] },
        {
          role: 'tool',
          tool_call_id: 'a',
          content: [
            { type: 'text', text: '[1,' },
            { type: 'text', text: '2]' },
          ],
        },
      ],
      expected: {
        contents: [
          { role: 'model', parts: [{ functionCall: { name: 'weather', args: {} } }] },
          {
            role: 'user',
            parts: [{ functionResponse: { name: 'weather', response: { content: '[1,2]' } } }],
          },
        ],
      },
    },
    {
      name: 'for Gemini 3, the stand-in signature on an unsigned call batch',
      options: gemini3,
      messages: [{ role: 'assistant', tool_calls: [weatherCall('a'), weatherCall('b')] }],
      expected: {
        contents: [
          {
            role: 'model',
            parts: [
              {
                functionCall: { name: 'weather', args: { city: 'Paris' } },
                thoughtSignature: SKIP_THOUGHT_SIGNATURE,
              },
              { functionCall: { name: 'weather', args: { city: 'Paris' } } },
            ],
          },
        ],
      },
    },
    {
      name: 'for Gemini 3, a real signature kept and no stand-in added',
      options: gemini3,
      messages: [
        {
          role: 'assistant',
          tool_calls: [weatherCall('a'), weatherCall('b')],
          reasoning_details: [signature('real', 'b')],
        },
      ],
      expected: {
        contents: [
          {
            role: 'model',
            parts: [
              { functionCall: { name: 'weather', args: { city: 'Paris' } } },
              { functionCall: { name: 'weather', args: { city: 'Paris' } }, thoughtSignature: 'real' },
            ],
          },
        ],
      },
    },
  ])('converts $name', ({ messages, options = gemini25, expected }) => {
    expect(convertMessages(messages, options)).toEqual(expected);
  });

  it.each<{ name: string; messages: ChatMessage[]; message: string }>([
    {
      name: 'a tool result for an unknown call',
      messages: [{ role: 'tool', tool_call_id: 'nope', content: 'x' }],
      message: 'messages[0].tool_call_id: no earlier assistant message has a tool call with id "nope"',
    },
    {
      name: 'tool call arguments that are not a JSON object',
      messages: [{ role: 'assistant', tool_calls: [weatherCall('a', '[1]')] }],
      message: 'messages[0].tool_calls[0].function.arguments: must be a JSON object',
    },
    {
      name: 'a file without file_data',
      messages: [{ role: 'user', content: [{ type: 'file', file: { file_id: 'file-123' } }] }],
      message: 'messages[0].content[0].file.file_data: is required for Gemini models',
    },
  ])('rejects $name with a 400', ({ messages, message }) => {
    const convert = () => convertMessages(messages, gemini25);
    expect(convert).toThrow(GatewayError);
    expect(convert).toThrow(message);
  });
});
