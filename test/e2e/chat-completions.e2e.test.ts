import OpenAI from 'openai';
import { startTestStack, type TestStack } from '../../libs/testing/test-stack';
import { waitForGeneration } from '../../libs/testing/wait-for-generation';
import { echoCost, TEST_CATALOG } from './test-catalog';
import { apiError as apiErrorOf } from '../../libs/testing/api-error';

jest.setTimeout(60_000);

let stack: TestStack;
let client: OpenAI;

beforeAll(async () => {
  stack = await startTestStack({ catalog: TEST_CATALOG });
  client = new OpenAI({ baseURL: stack.baseUrl, apiKey: stack.apiKey, maxRetries: 0 });
});

afterAll(async () => {
  await stack?.stop();
});

const apiError = (request: Promise<unknown>) => apiErrorOf(request, OpenAI.APIError);

const hello = [{ role: 'user' as const, content: 'Hello there, gateway' }];

describe('POST /chat/completions with the openai SDK', () => {
  it('answers a plain request with the generation id, the provider and priced usage', async () => {
    const { data, response } = await client.chat.completions
      .create({ model: 'test/echo', messages: hello })
      .withResponse();
    expect(data.id).toMatch(/^gen-\d+-\w+$/);
    expect(response.headers.get('x-generation-id')).toBe(data.id);
    expect(data.model).toBe('test/echo');
    expect((data as unknown as { provider: string }).provider).toBe('Simulator');
    expect(data.choices[0].message.content).toBe('Echo: Hello there, gateway');
    expect(data.choices[0].finish_reason).toBe('stop');
    const usage = data.usage as OpenAI.CompletionUsage & { cost: number };
    expect(usage.completion_tokens).toBe(4);
    expect(usage.total_tokens).toBe(usage.prompt_tokens + usage.completion_tokens);
    expect(usage.cost).toBeCloseTo(echoCost(usage.prompt_tokens, usage.completion_tokens), 12);
  });

  it('streams the simulator text chunk by chunk, then a usage chunk with no choices', async () => {
    const stream = await client.chat.completions.create({
      model: 'test/echo',
      messages: hello,
      stream: true,
    });
    const chunks: OpenAI.ChatCompletionChunk[] = [];
    for await (const chunk of stream) chunks.push(chunk);
    const text = chunks.map((c) => c.choices[0]?.delta?.content ?? '').join('');
    expect(text).toBe('Echo: Hello there, gateway');
    expect(new Set(chunks.map((c) => c.id)).size).toBe(1);
    expect(chunks[0].id).toMatch(/^gen-/);
    const last = chunks.at(-1)!;
    expect(last.choices).toEqual([]);
    expect(last.usage?.completion_tokens).toBe(4);
    expect(chunks.some((c) => c.choices[0]?.finish_reason === 'stop')).toBe(true);
  });

  it('completes a tool-call round trip', async () => {
    const tools: OpenAI.ChatCompletionTool[] = [
      {
        type: 'function',
        function: {
          name: 'get_weather',
          parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
        },
      },
    ];
    const first = await client.chat.completions.create({
      model: 'test/echo',
      messages: [{ role: 'user', content: 'Weather in Paris?' }],
      tools,
    });
    const call = first.choices[0].message.tool_calls![0] as OpenAI.ChatCompletionMessageFunctionToolCall;
    expect(first.choices[0].finish_reason).toBe('tool_calls');
    expect(call.function.name).toBe('get_weather');
    expect(JSON.parse(call.function.arguments)).toEqual({ city: 'example' });

    const second = await client.chat.completions.create({
      model: 'test/echo',
      tools,
      messages: [
        { role: 'user', content: 'Weather in Paris?' },
        first.choices[0].message,
        { role: 'tool', tool_call_id: call.id, content: 'sunny, 21C' },
      ],
    });
    expect(second.choices[0].message.content).toBe('Tool result: sunny, 21C');
  });

  it('streams tool-call argument deltas with a stable index', async () => {
    const stream = await client.chat.completions.create({
      model: 'test/echo',
      stream: true,
      messages: [{ role: 'user', content: 'Weather?' }],
      tools: [
        {
          type: 'function',
          function: {
            name: 'get_weather',
            parameters: { type: 'object', properties: { city: { type: 'string' } } },
          },
        },
      ],
    });
    let args = '';
    for await (const chunk of stream) {
      for (const call of chunk.choices[0]?.delta?.tool_calls ?? []) {
        expect(call.index).toBe(0);
        args += call.function?.arguments ?? '';
      }
    }
    expect(JSON.parse(args)).toEqual({ city: 'example' });
  });

  it('falls back along `models` when the first model fails, and records both attempts', async () => {
    const completion = await client.chat.completions.create({
      model: 'test/down',
      messages: hello,
      // OpenRouter's extension: models to try in order.
      ...({ models: ['test/echo'] } as object),
    });
    expect(completion.model).toBe('test/echo');
    expect(completion.choices[0].message.content).toBe('Echo: Hello there, gateway');
    const record = await waitForGeneration(stack, completion.id);
    const attempts = record.provider_responses as { provider_name: string; status: number }[];
    expect(attempts.map((a) => [a.provider_name, a.status])).toEqual([
      ['Down Simulator', 502],
      ['Simulator', 200],
    ]);
  });

  it('answers 502 with the provider name and raw upstream body when the only endpoint fails', async () => {
    const error = await apiError(client.chat.completions.create({ model: 'test/down', messages: hello }));
    expect(error).toBeInstanceOf(OpenAI.APIError);
    expect(error.status).toBe(502);
    const metadata = (error.error as { metadata: { provider_name: string; raw: string } }).metadata;
    expect(metadata.provider_name).toBe('Down Simulator');
    expect(metadata.raw).toContain('error');
  });

  it('ends a stream that breaks after it began with an error chunk', async () => {
    const stream = await client.chat.completions.create({
      model: 'test/cut',
      stream: true,
      messages: [{ role: 'user', content: 'one two three four five six seven eight' }],
    });
    const received: string[] = [];
    const failure = await (async () => {
      for await (const chunk of stream) received.push(chunk.choices[0]?.delta?.content ?? '');
    })().catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(OpenAI.APIError);
    expect(received.join('')).not.toBe('');
  });
});

describe('client errors', () => {
  const post = (body: string, headers: Record<string, string> = {}) =>
    fetch(`${stack.baseUrl}/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${stack.apiKey}`, 'content-type': 'application/json', ...headers },
      body,
    });

  it('rejects invalid JSON with 400 in OpenRouter shape', async () => {
    const response = await post('{"model":');
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { code: number; message: string } };
    expect(body.error.code).toBe(400);
    expect(body.error.message).toMatch(/JSON/);
  });

  it('names the invalid field', async () => {
    const error = await apiError(
      client.chat.completions.create({
        model: 'test/echo',
        messages: [{ role: 'wizard', content: 'x' }] as never,
      }),
    );
    expect(error.status).toBe(400);
    expect(error.message).toContain('messages[0].role');
  });

  it('rejects a request without a key, or with a wrong one, with 401', async () => {
    const response = await post('{}', { authorization: '' });
    expect(response.status).toBe(401);
    expect(((await response.json()) as { error: { code: number } }).error.code).toBe(401);
    const wrong = new OpenAI({ baseURL: stack.baseUrl, apiKey: 'sy-wrong', maxRetries: 0 });
    await expect(
      wrong.chat.completions.create({ model: 'test/echo', messages: hello }),
    ).rejects.toBeInstanceOf(OpenAI.AuthenticationError);
  });

  it('answers 404 for an unknown model, saying how to list models', async () => {
    const error = await apiError(
      client.chat.completions.create({ model: 'nobody/nothing', messages: hello }),
    );
    expect(error).toBeInstanceOf(OpenAI.NotFoundError);
    expect(error.message).toContain('/models');
  });
});

describe('the gateway overhead', () => {
  it('is sent with a whole answer and recorded with the generation, in ms', async () => {
    const { data, response } = await client.chat.completions
      .create({ model: 'test/echo', messages: hello })
      .withResponse();
    const header = Number(response.headers.get('x-switchyard-overhead-ms'));
    expect(header).toBeGreaterThan(0);
    // The simulator answers at once: nearly all of the request's time is the gateway's.
    expect(header).toBeLessThan(1000);
    const record = await waitForGeneration(stack, data.id);
    expect(record.gateway_overhead_ms).toBeCloseTo(header, 1);
  });

  it('is recorded for a stream, whose headers leave before it is known', async () => {
    const stream = await client.chat.completions.create({
      model: 'test/echo',
      messages: hello,
      stream: true,
    });
    let id = '';
    for await (const chunk of stream) id = chunk.id;
    const record = await waitForGeneration(stack, id);
    expect(record.gateway_overhead_ms as number).toBeGreaterThan(0);
  });
});

describe('GET /models, /generation and /health', () => {
  it('reports health without a key', async () => {
    const response = await fetch(`${stack.baseUrl.replace('/api/v1', '')}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok', nats: true });
  });

  it('lists the catalog in OpenRouter shape, without a key', async () => {
    const response = await fetch(`${stack.baseUrl}/models`);
    const { data } = (await response.json()) as { data: Record<string, unknown>[] };
    const echo = data.find((m) => m.id === 'test/echo')!;
    expect(echo).toMatchObject({
      name: 'Test Echo',
      context_length: 4096,
      pricing: { prompt: '0.000001', completion: '0.000002' },
      top_provider: { context_length: 4096 },
      supported_parameters: ['max_tokens', 'tools', 'tool_choice'],
    });
    expect(echo.architecture).toMatchObject({ input_modalities: ['text'], output_modalities: ['text'] });
    const models = await client.models.list();
    expect(models.data.map((m) => m.id)).toContain('test/echo');
  });

  it('returns the stored record of a streamed generation with its cost', async () => {
    const stream = await client.chat.completions.create({
      model: 'test/echo',
      messages: hello,
      stream: true,
    });
    let id = '';
    let usage: (OpenAI.CompletionUsage & { cost?: number }) | undefined;
    for await (const chunk of stream) {
      id = chunk.id;
      usage = chunk.usage ?? usage;
    }
    const record = await waitForGeneration(stack, id);
    expect(record).toMatchObject({
      id,
      model: 'test/echo',
      provider_name: 'Simulator',
      streamed: true,
      finish_reason: 'stop',
      tokens_prompt: usage!.prompt_tokens,
      tokens_completion: usage!.completion_tokens,
    });
    expect(record.total_cost).toBeCloseTo(usage!.cost!, 12);
    expect(record.total_cost).toBeCloseTo(echoCost(usage!.prompt_tokens, usage!.completion_tokens), 12);
    expect(typeof record.latency).toBe('number');
    expect(record.generation_time as number).toBeGreaterThanOrEqual(record.latency as number);
  });

  it('answers 404 for an unknown generation', async () => {
    const response = await fetch(`${stack.baseUrl}/generation?id=gen-0-missing`, {
      headers: { authorization: `Bearer ${stack.apiKey}` },
    });
    expect(response.status).toBe(404);
  });
});
