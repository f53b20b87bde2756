import { parseGenerateContentRequest } from './validate-request';

const user = (...parts: unknown[]) => ({ role: 'user', parts });
const model = (...parts: unknown[]) => ({ role: 'model', parts });
const call = { functionCall: { name: 'f', args: {} } };
const response = { functionResponse: { name: 'f', response: {} } };

function failureOf(body: unknown) {
  const parsed = parseGenerateContentRequest(typeof body === 'string' ? body : JSON.stringify(body));
  if (!('failure' in parsed)) return undefined;
  expect(parsed.failure.status).toBe(400);
  return (parsed.failure.body as { error: { message: string; status: string } }).error;
}

describe('parseGenerateContentRequest', () => {
  it.each<[string, unknown, string | RegExp]>([
    ['invalid JSON', '{"contents":', /^Invalid JSON payload received\./],
    ['no contents', {}, '* GenerateContentRequest.contents: contents is not specified\n'],
    [
      'empty parts',
      { contents: [user()] },
      '* GenerateContentRequest.contents[0].parts: contents.parts must not be empty.\n',
    ],
    [
      'a part without data',
      { contents: [user({ thought: true })] },
      "* GenerateContentRequest.contents[0].parts[0].data: required oneof field 'data' must have one initialized field\n",
    ],
    [
      'a bad role',
      { contents: [{ role: 'assistant', parts: [{ text: 'x' }] }] },
      'Please use a valid role: user, model.',
    ],
    [
      'a function call turn first',
      { contents: [model(call)] },
      'Please ensure that function call turn comes immediately after a user turn or after a function response turn.',
    ],
    [
      'a function response without a call before it',
      { contents: [user({ text: 'Hi' }), user(response)] },
      'Please ensure that function response turn comes immediately after a function call turn.',
    ],
    [
      'fewer responses than calls',
      { contents: [user({ text: 'Hi' }), model(call, call), user(response)] },
      'Please ensure that the number of function response parts is equal to the number of function call parts of the function call turn.',
    ],
    [
      'a function name with a space',
      { contents: [user({ text: 'Hi' })], tools: [{ functionDeclarations: [{ name: 'get weather' }] }] },
      /^\* GenerateContentRequest\.tools\[0\]\.function_declarations\[0\]\.name: Invalid function name\./,
    ],
    [
      'an unknown calling mode',
      { contents: [user({ text: 'Hi' })], toolConfig: { functionCallingConfig: { mode: 'REQUIRED' } } },
      /^Invalid value at 'tool_config\.function_calling_config\.mode'/,
    ],
    [
      'a text maxOutputTokens',
      { contents: [user({ text: 'Hi' })], generationConfig: { maxOutputTokens: 'ten' } },
      /^Invalid value at 'generation_config\.max_output_tokens' \(TYPE_INT32\), "ten"/,
    ],
  ])('rejects %s with INVALID_ARGUMENT', (_name, body, message) => {
    const error = failureOf(body);
    expect(error?.status).toBe('INVALID_ARGUMENT');
    expect(error?.message).toMatch(message);
  });

  it('reads snake_case fields as their lowerCamelCase names', () => {
    const parsed = parseGenerateContentRequest(
      JSON.stringify({
        system_instruction: { parts: [{ text: 'Be brief.' }] },
        contents: [
          user({ text: 'Hi' }),
          model({ function_call: { name: 'f', args: { a: 1 } } }),
          user({ function_response: { name: 'f', response: { ok: true } } }),
        ],
        tools: [{ function_declarations: [{ name: 'f', parameters_json_schema: { type: 'object' } }] }],
        tool_config: { function_calling_config: { mode: 'ANY', allowed_function_names: ['f'] } },
        generation_config: {
          max_output_tokens: '5',
          response_mime_type: 'application/json',
          response_json_schema: { type: 'object' },
        },
      }),
    );
    expect(parsed).toEqual({
      request: {
        contents: [
          user({ text: 'Hi' }),
          model({ functionCall: { name: 'f', args: { a: 1 } } }),
          user({ functionResponse: { name: 'f', response: { ok: true } } }),
        ],
        systemInstruction: user({ text: 'Be brief.' }),
        functionDeclarations: [{ name: 'f', parameters: { type: 'object' } }],
        functionCallingMode: 'ANY',
        allowedFunctionNames: ['f'],
        maxOutputTokens: 5,
        responseMimeType: 'application/json',
        responseSchema: { type: 'object' },
      },
    });
  });

  it('keeps image and file parts as parts without text', () => {
    const parsed = parseGenerateContentRequest(
      JSON.stringify({
        contents: [user({ inlineData: { mimeType: 'image/png', data: 'AA==' } }, { text: 'What is it?' })],
      }),
    );
    expect(parsed).toMatchObject({ request: { contents: [user({}, { text: 'What is it?' })] } });
  });
});
