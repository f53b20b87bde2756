import { startTestStack, type TestStack } from '../../libs/testing/test-stack';
import { TEST_CATALOG } from './test-catalog';

jest.setTimeout(60_000);

/** Every route takes JSON: what a body may say it is, over real HTTP, and how a wrong one is answered. */
let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack({
    catalog: TEST_CATALOG,
    without: ['metrics', 'worker-gemini', 'worker-anthropic'],
  });
});

afterAll(async () => {
  await stack?.stop();
});

const chat = JSON.stringify({ model: 'test/echo', messages: [{ role: 'user', content: 'hi' }] });
const message = JSON.stringify({
  model: 'test/echo',
  max_tokens: 10,
  messages: [{ role: 'user', content: 'hi' }],
});

function post(
  path: string,
  body: string | Uint8Array,
  contentType?: string,
  key = stack.apiKey,
): Promise<Response> {
  return fetch(`${stack.baseUrl}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, ...(contentType && { 'content-type': contentType }) },
    body,
  });
}

describe('a Content-Type that is not JSON', () => {
  it.each([
    ['text/plain', '/chat/completions'],
    // What curl -d sends without -H "Content-Type: application/json".
    ['application/x-www-form-urlencoded', '/chat/completions'],
    ['multipart/form-data; boundary=x', '/chat/completions'],
    ['application/x-www-form-urlencoded', '/keys'],
  ])('%s on %s is a 415 in OpenRouter shape, naming the header to send', async (contentType, path) => {
    const key = path === '/keys' ? stack.adminKey : stack.apiKey;
    const response = await post(path, path === '/keys' ? '{"name":"x"}' : chat, contentType, key);
    expect(response.status).toBe(415);
    expect(await response.json()).toEqual({
      error: {
        code: 415,
        message: `Unsupported Content-Type "${contentType}": send the body as JSON, with "Content-Type: application/json".`,
      },
    });
  });

  it('on /messages is a 415 in Anthropic shape', async () => {
    const response = await post('/messages', message, 'text/plain');
    expect(response.status).toBe(415);
    expect(await response.json()).toEqual({
      type: 'error',
      error: {
        type: 'invalid_request_error',
        message: expect.stringContaining('Content-Type: application/json'),
      },
    });
  });
});

describe('a JSON body', () => {
  it.each([
    ['application/json', chat],
    ['application/json; charset=utf-8', chat],
    ['application/vnd.api+json', chat],
    // fetch sets no Content-Type for bytes: nothing claims the body is anything but JSON.
    [undefined, new TextEncoder().encode(chat)],
  ])('with Content-Type %s is answered', async (contentType, body) => {
    const response = await post('/chat/completions', body, contentType);
    expect(response.status).toBe(200);
    const completion = (await response.json()) as { choices: { message: { content: string } }[] };
    expect(completion.choices[0]!.message.content).toBe('Echo: hi');
  });

  it.each([
    ['malformed', '{"model":', /^Invalid JSON body: Unexpected end of JSON input\.$/],
    ['empty', '', /^Invalid JSON body: the body is empty\.$/],
  ])('that is %s is a 400 that says so', async (_case, body, message) => {
    const response = await post('/chat/completions', body, 'application/json');
    expect(response.status).toBe(400);
    const error = ((await response.json()) as { error: { code: number; message: string } }).error;
    expect(error.code).toBe(400);
    expect(error.message).toMatch(message);
  });

  it('without a Content-Type that is malformed is a 400 too', async () => {
    const response = await post('/chat/completions', new TextEncoder().encode('{"model":'));
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(
      /^Invalid JSON body/,
    );
  });
});
