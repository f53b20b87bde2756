import type { ReplyRequest } from '../reply';
import { toReplyRequest } from './to-reply-request';
import type { GeminiRequest } from './validate-request';

const base: GeminiRequest = {
  contents: [{ role: 'user', parts: [{ text: 'Hi' }] }],
  functionDeclarations: [{ name: 'get_weather' }, { name: 'get_time' }],
  functionCallingMode: 'AUTO',
  allowedFunctionNames: [],
};
const schema = { type: 'object', properties: { ok: { type: 'boolean' } } };

describe('toReplyRequest', () => {
  it.each<[string, Partial<GeminiRequest>, Partial<ReplyRequest>]>([
    [
      'puts the system instruction first and model turns as assistant',
      {
        systemInstruction: { role: 'user', parts: [{ text: 'Be brief.' }] },
        contents: [
          { role: 'user', parts: [{ text: 'Hi' }, {}] },
          { role: 'model', parts: [{ text: 'Hello' }] },
        ],
      },
      {
        messages: [
          { role: 'system', content: [{ type: 'text', text: 'Be brief.' }] },
          { role: 'user', content: [{ type: 'text', text: 'Hi' }] },
          { role: 'assistant', content: [{ type: 'text', text: 'Hello' }] },
        ],
      },
    ],
    [
      'turns function responses into tool messages with the response as JSON',
      { contents: [{ role: 'user', parts: [{ functionResponse: { name: 'f', response: { temp: 21 } } }] }] },
      { messages: [{ role: 'tool', content: '{"temp":21}' }] },
    ],
    ['maps NONE to none', { functionCallingMode: 'NONE' }, { tool_choice: 'none' }],
    ['maps ANY to required', { functionCallingMode: 'ANY' }, { tool_choice: 'required' }],
    [
      'maps ANY with allowed names to the first one',
      { functionCallingMode: 'ANY', allowedFunctionNames: ['get_time'] },
      { tool_choice: { type: 'function', function: { name: 'get_time' } } },
    ],
    ['leaves AUTO to the default', {}, { tool_choice: undefined }],
    [
      'reads JSON mode with a schema as json_schema',
      { responseMimeType: 'application/json', responseSchema: schema },
      { response_format: { type: 'json_schema', json_schema: { schema } } },
    ],
    [
      'reads JSON mode without a schema as json_object',
      { responseMimeType: 'application/json' },
      { response_format: { type: 'json_object' } },
    ],
    ['ignores a schema without JSON mode', { responseSchema: schema }, { response_format: undefined }],
    ['reads maxOutputTokens as max_tokens', { maxOutputTokens: 7 }, { max_tokens: 7 }],
  ])('%s', (_name, request, expected) => {
    expect(toReplyRequest({ ...base, ...request })).toMatchObject(expected);
  });
});
