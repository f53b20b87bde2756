import type { OpenAIErrorBody } from './openai-error';
import { parseEmbeddingsRequest } from './validate-embeddings-request';

const INVALID_INPUT =
  "'$.input' is invalid. Please check the API reference: https://platform.openai.com/docs/api-reference.";

function parse(body: unknown) {
  return parseEmbeddingsRequest(typeof body === 'string' ? body : JSON.stringify(body));
}

function errorOf(body: unknown) {
  const parsed = parse(body);
  if (!('failure' in parsed)) throw new Error(`accepted ${JSON.stringify(body)}`);
  expect(parsed.failure.status).toBe(400);
  return (parsed.failure.body as OpenAIErrorBody).error;
}

describe('parseEmbeddingsRequest', () => {
  it('reads a string input as one text, with float vectors of the default 16 dimensions', () => {
    expect(parse({ model: 'm', input: 'Hello' })).toEqual({
      request: { model: 'm', inputs: ['Hello'], encodingFormat: 'float', dimensions: 16 },
    });
  });

  it('reads a list of inputs in order, encoding_format, dimensions and user', () => {
    const body = { model: 'm', input: ['a', 'b'], encoding_format: 'base64', dimensions: 8, user: 'u' };
    expect(parse(body)).toEqual({
      request: { model: 'm', inputs: ['a', 'b'], encodingFormat: 'base64', dimensions: 8 },
    });
  });

  it('treats null optional fields as omitted, as OpenAI does', () => {
    const body = { model: 'm', input: 'a', encoding_format: null, dimensions: null, user: null };
    expect(parse(body)).toMatchObject({ request: { encodingFormat: 'float', dimensions: 16 } });
  });

  it.each<[string, unknown, Partial<OpenAIErrorBody['error']>]>([
    [
      'invalid JSON',
      '{"model":',
      { param: null, message: expect.stringMatching(/could not parse the JSON/) },
    ],
    ['a missing model', { input: 'a' }, { message: 'you must provide a model parameter' }],
    [
      'a missing input',
      { model: 'm' },
      { message: "Missing required parameter: 'input'.", param: 'input', code: 'missing_required_parameter' },
    ],
    ['an empty string', { model: 'm', input: '' }, { message: INVALID_INPUT, param: null, code: null }],
    ['an empty array', { model: 'm', input: [] }, { message: INVALID_INPUT }],
    ['an empty string in the array', { model: 'm', input: ['a', ''] }, { message: INVALID_INPUT }],
    ['a number in the strings', { model: 'm', input: ['a', 1] }, { message: INVALID_INPUT }],
    ['an object', { model: 'm', input: { text: 'a' } }, { message: INVALID_INPUT }],
    ['more than 2048 inputs', { model: 'm', input: Array(2049).fill('a') }, { message: INVALID_INPUT }],
    [
      'a token array',
      { model: 'm', input: [1, 2, 3] },
      { message: expect.stringMatching(/text only/), param: 'input' },
    ],
    ['token arrays', { model: 'm', input: [[1], [2, 3]] }, { message: expect.stringMatching(/text only/) }],
    [
      'an unknown encoding_format',
      { model: 'm', input: 'a', encoding_format: 'int8' },
      {
        message: "Invalid value: 'int8'. Supported values are: 'float', 'base64'.",
        param: 'encoding_format',
      },
    ],
    [
      'dimensions 0',
      { model: 'm', input: 'a', dimensions: 0 },
      { param: 'dimensions', code: 'integer_below_min_value' },
    ],
    ['fractional dimensions', { model: 'm', input: 'a', dimensions: 1.5 }, { code: 'invalid_type' }],
    [
      'dimensions above 4096',
      { model: 'm', input: 'a', dimensions: 4097 },
      {
        message:
          "Invalid 'dimensions': integer above maximum value. Expected a value <= 4096, but got 4097 instead.",
        code: 'integer_above_max_value',
      },
    ],
    ['a non-string user', { model: 'm', input: 'a', user: 7 }, { param: 'user', code: 'invalid_type' }],
  ])('rejects %s with invalid_request_error', (_name, body, expected) => {
    expect(errorOf(body)).toMatchObject({ type: 'invalid_request_error', ...expected });
  });
});
