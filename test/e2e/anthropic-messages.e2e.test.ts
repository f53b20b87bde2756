import Anthropic from '@anthropic-ai/sdk';
import { startTestStack, type TestStack } from '../../libs/testing/test-stack';
import { TEST_CATALOG } from './test-catalog';
import { apiError as apiErrorOf } from '../../libs/testing/api-error';

jest.setTimeout(60_000);

/**
 * Anthropic's Messages API on the gateway, driven by Anthropic's own SDK with only its base URL
 * changed, against models the OpenAI-compatible simulator serves.
 */
let stack: TestStack;
let origin: string;
let client: Anthropic;

/** The SDK posts to `<baseURL>/v1/messages`: `<origin>/api` reaches OpenRouter's `/api/v1/messages`. */
const clientWith = (options: ConstructorParameters<typeof Anthropic>[0]) =>
  new Anthropic({ baseURL: `${origin}/api`, maxRetries: 0, ...options });

beforeAll(async () => {
  stack = await startTestStack({ catalog: TEST_CATALOG });
  origin = new URL(stack.baseUrl).origin;
  client = clientWith({ apiKey: stack.apiKey });
});

afterAll(async () => {
  await stack?.stop();
});

const apiError = (request: Promise<unknown>) => apiErrorOf(request, Anthropic.APIError);

const hello: Anthropic.MessageParam[] = [{ role: 'user', content: 'Hello there, gateway' }];

const weather: Anthropic.Tool = {
  name: 'get_weather',
  description: 'The weather in a city',
  input_schema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
};

describe('POST /v1/messages with the Anthropic SDK', () => {
  it('answers a plain message with the generation id, the public model and usage', async () => {
    const { data, response, request_id } = await client.messages
      .create({ model: 'test/echo', max_tokens: 100, messages: hello })
      .withResponse();
    expect(data.id).toMatch(/^gen-\d+-\w+$/);
    expect(response.headers.get('x-generation-id')).toBe(data.id);
    // Anthropic's SDKs report the `request-id` header as the request's id.
    expect(request_id).toBe(data.id);
    expect(data).toMatchObject({
      type: 'message',
      role: 'assistant',
      model: 'test/echo',
      content: [{ type: 'text', text: 'Echo: Hello there, gateway' }],
      stop_reason: 'end_turn',
      stop_sequence: null,
      usage: { output_tokens: 4, cache_read_input_tokens: 0, cache_creation_input_tokens: 0 },
    });
    expect(data.usage.input_tokens).toBeGreaterThan(0);
  });

  it('takes a system prompt and the /v1 alias, with the key in x-api-key', async () => {
    const viaAlias = new Anthropic({
      baseURL: origin,
      apiKey: null,
      defaultHeaders: { 'x-api-key': stack.apiKey },
      maxRetries: 0,
    });
    const message = await viaAlias.messages.create({
      model: 'test/echo',
      max_tokens: 100,
      system: [{ type: 'text', text: 'Be brief.', cache_control: { type: 'ephemeral' } }],
      messages: hello,
    });
    expect(message.content).toEqual([{ type: 'text', text: 'Echo: Hello there, gateway' }]);
  });

  it('stops at max_tokens', async () => {
    const message = await client.messages.create({ model: 'test/echo', max_tokens: 2, messages: hello });
    expect(message.content).toEqual([{ type: 'text', text: 'Echo: Hello ' }]);
    expect(message.stop_reason).toBe('max_tokens');
  });

  it("streams Anthropic's event sequence, which the SDK assembles into the same message", async () => {
    const plain = await client.messages.create({ model: 'test/echo', max_tokens: 100, messages: hello });
    const stream = client.messages.stream({ model: 'test/echo', max_tokens: 100, messages: hello });
    const types: string[] = [];
    let text = '';
    stream.on('streamEvent', (event) => types.push(event.type));
    stream.on('text', (delta) => (text += delta));
    const message = await stream.finalMessage();

    expect(text).toBe('Echo: Hello there, gateway');
    expect(types[0]).toBe('message_start');
    expect(types.slice(-4)).toEqual([
      'content_block_delta',
      'content_block_stop',
      'message_delta',
      'message_stop',
    ]);
    expect(types.filter((type) => type === 'content_block_start')).toHaveLength(1);
    expect(message.id).toMatch(/^gen-/);
    expect(message.model).toBe('test/echo');
    expect(message.content).toEqual([{ type: 'text', text: 'Echo: Hello there, gateway' }]);
    expect(message.stop_reason).toBe('end_turn');
    expect(message.usage).toMatchObject({ input_tokens: plain.usage.input_tokens, output_tokens: 4 });
  });

  it("says the prompt's size in message_start, as the gateway counts it", async () => {
    const stream = client.messages.stream({ model: 'test/echo', max_tokens: 100, messages: hello });
    let startTokens: number | undefined;
    stream.on('streamEvent', (event) => {
      if (event.type === 'message_start') startTokens = event.message.usage.input_tokens;
    });
    await stream.finalMessage();
    const counted = await client.messages.countTokens({ model: 'test/echo', messages: hello });
    expect(startTokens).toBeGreaterThan(0);
    expect(startTokens).toBe(counted.input_tokens);
  });

  it('counts tokens with countTokens: more for a longer prompt, tools and a system prompt included', async () => {
    const count = (params: Partial<Anthropic.MessageCountTokensParams>) =>
      client.messages
        .countTokens({ model: 'test/echo', messages: hello, ...params })
        .then((result) => result.input_tokens);
    const plain = await count({});
    expect(plain).toBeGreaterThan(3);
    expect(await count({ system: 'You are a terse assistant who answers in one word.' })).toBeGreaterThan(
      plain,
    );
    expect(await count({ tools: [weather] })).toBeGreaterThan(plain);
    expect(
      await count({ messages: [{ role: 'user', content: 'Hello there, gateway. '.repeat(50) }] }),
    ).toBeGreaterThan(plain * 10);

    const unknown = await apiError(client.messages.countTokens({ model: 'test/nope', messages: hello }));
    expect(unknown).toBeInstanceOf(Anthropic.NotFoundError);
    expect(unknown.error).toMatchObject({ type: 'error', error: { type: 'not_found_error' } });
    const invalid = await apiError(client.messages.countTokens({ model: 'test/echo', messages: [] }));
    expect(invalid).toBeInstanceOf(Anthropic.BadRequestError);
  });

  it('completes a tool-use round trip', async () => {
    const question: Anthropic.MessageParam = { role: 'user', content: 'Weather in Paris?' };
    const first = await client.messages.create({
      model: 'test/echo',
      max_tokens: 100,
      tools: [weather],
      messages: [question],
    });
    expect(first.stop_reason).toBe('tool_use');
    const toolUse = first.content.find((block) => block.type === 'tool_use');
    expect(toolUse).toMatchObject({ name: 'get_weather', input: { city: 'example' } });

    const second = await client.messages.create({
      model: 'test/echo',
      max_tokens: 100,
      tools: [weather],
      messages: [
        question,
        { role: 'assistant', content: first.content },
        {
          role: 'user',
          content: [{ type: 'tool_result', tool_use_id: toolUse!.id, content: 'sunny, 21C' }],
        },
      ],
    });
    expect(second.content).toEqual([{ type: 'text', text: 'Tool result: sunny, 21C' }]);
    expect(second.stop_reason).toBe('end_turn');
  });

  it('streams a tool call as a tool_use block with input_json_delta fragments', async () => {
    const stream = client.messages.stream({
      model: 'test/echo',
      max_tokens: 100,
      tools: [weather],
      messages: [{ role: 'user', content: 'Weather?' }],
    });
    let partialJson = '';
    stream.on('streamEvent', (event) => {
      if (event.type === 'content_block_delta' && event.delta.type === 'input_json_delta') {
        partialJson += event.delta.partial_json;
      }
    });
    const message = await stream.finalMessage();
    expect(JSON.parse(partialJson)).toEqual({ city: 'example' });
    expect(message.content).toEqual([
      { type: 'tool_use', id: expect.any(String), name: 'get_weather', input: { city: 'example' } },
    ]);
    expect(message.stop_reason).toBe('tool_use');
  });

  it('answers with the forced tool, as JSON output', async () => {
    const summary: Anthropic.Tool = {
      name: 'record_summary',
      input_schema: {
        type: 'object',
        properties: { title: { type: 'string' }, score: { type: 'number' }, done: { type: 'boolean' } },
        required: ['title', 'score', 'done'],
      },
    };
    const message = await client.messages.create({
      model: 'test/echo',
      max_tokens: 100,
      tools: [weather, summary],
      tool_choice: { type: 'tool', name: 'record_summary', disable_parallel_tool_use: true },
      messages: [{ role: 'user', content: 'Summarise the gateway.' }],
    });
    expect(message.content).toEqual([
      {
        type: 'tool_use',
        id: expect.any(String),
        name: 'record_summary',
        input: { title: 'example', score: 1, done: true },
      },
    ]);
  });

  it('ends a stream that breaks after it began with an error event', async () => {
    const stream = client.messages.stream({
      model: 'test/cut',
      max_tokens: 100,
      messages: [{ role: 'user', content: 'one two three four five six seven eight' }],
    });
    let text = '';
    stream.on('text', (delta) => (text += delta));
    const failure = await stream.finalMessage().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(Anthropic.APIError);
    expect((failure as InstanceType<typeof Anthropic.APIError>).error).toMatchObject({
      type: 'error',
      error: { type: 'api_error' },
    });
    expect(text).not.toBe('');
  });
});

describe('errors, in Anthropic shape', () => {
  const post = (body: unknown, headers: Record<string, string>) =>
    fetch(`${origin}/api/v1/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });

  it('answers 401 without a key, with a wrong x-api-key or with a wrong bearer key', async () => {
    const response = await post({ model: 'test/echo', max_tokens: 10, messages: hello }, {});
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({
      type: 'error',
      error: { type: 'authentication_error', message: expect.stringContaining('API key') },
    });

    const wrongHeader = clientWith({ apiKey: null, defaultHeaders: { 'x-api-key': 'sy-wrong' } });
    const wrongBearer = clientWith({ apiKey: 'sy-wrong' });
    for (const wrong of [wrongHeader, wrongBearer]) {
      const error = await apiError(
        wrong.messages.create({ model: 'test/echo', max_tokens: 10, messages: hello }),
      );
      expect(error).toBeInstanceOf(Anthropic.AuthenticationError);
      expect(error.error).toMatchObject({ type: 'error', error: { type: 'authentication_error' } });
    }
  });

  it('answers invalid JSON with 400 in Anthropic shape, although it fails before any route runs', async () => {
    const response = await fetch(`${origin}/api/v1/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${stack.apiKey}` },
      body: '{"model":',
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      type: 'error',
      error: { type: 'invalid_request_error', message: expect.stringContaining('JSON') },
    });
  });

  it('answers 404 for an unknown model', async () => {
    const error = await apiError(
      client.messages.create({ model: 'nobody/nothing', max_tokens: 10, messages: hello }),
    );
    expect(error).toBeInstanceOf(Anthropic.NotFoundError);
    expect(error.error).toMatchObject({ type: 'error', error: { type: 'not_found_error' } });
    expect(error.message).toContain('/models');
  });

  it('answers 400 naming the bad field', async () => {
    const error = await apiError(
      client.messages.create({
        model: 'test/echo',
        max_tokens: 10,
        messages: [{ role: 'user', content: [{ type: 'video', url: 'x' }] }] as never,
      }),
    );
    expect(error).toBeInstanceOf(Anthropic.BadRequestError);
    expect(error.error).toMatchObject({ type: 'error', error: { type: 'invalid_request_error' } });
    expect(error.message).toContain('messages[0].content[0].type');

    const noMaxTokens = await apiError(
      client.messages.create({
        model: 'test/echo',
        messages: hello,
      } as Anthropic.MessageCreateParamsNonStreaming),
    );
    expect(noMaxTokens).toBeInstanceOf(Anthropic.BadRequestError);
    expect(noMaxTokens.message).toContain('max_tokens: is required');
  });

  it('answers 502 as an api_error when the provider fails, before anything was streamed', async () => {
    const error = await apiError(
      client.messages.create({ model: 'test/down', max_tokens: 10, messages: hello }),
    );
    expect(error).toBeInstanceOf(Anthropic.InternalServerError);
    expect(error.status).toBe(502);
    expect(error.error).toMatchObject({ type: 'error', error: { type: 'api_error' } });
  });
});
