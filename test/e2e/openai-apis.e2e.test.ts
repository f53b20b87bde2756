import OpenAI from 'openai';
import { startTestStack, type TestStack } from '../../libs/testing/test-stack';
import { waitForGeneration } from '../../libs/testing/wait-for-generation';
import { echoCost, TEST_CATALOG } from './test-catalog';
import { apiError as apiErrorOf } from '../../libs/testing/api-error';

jest.setTimeout(60_000);

/** OpenAI's other API surfaces on the gateway, driven by the official SDK with only its base URL changed. */
let stack: TestStack;
let client: OpenAI;

/** A model that takes structured outputs (test/echo drops them), and embedding models of two families. */
const CATALOG = `${TEST_CATALOG.replace(
  'providers:\n',
  "providers:\n  sim-gemini: { name: Simulator Gemini, family: gemini, base_url: '{{SIMULATOR}}/v1beta' }\n" +
    "  sim-slow: { name: Slow Simulator, family: openai-compatible, base_url: '{{SIMULATOR}}/scenario/ttft=3500/v1' }\n",
)}
  test/slow:
    name: Test Slow
    context_length: 4096
    endpoints:
      - { provider: sim-slow, upstream_model: echo, pricing: { prompt: 1, completion: 2 } }
  test/embed:
    name: Test Embed
    context_length: 4096
    output_modalities: [embeddings]
    endpoints:
      - { provider: sim, upstream_model: embed, pricing: { prompt: 1, completion: 0 } }
  test/embed-gemini:
    name: Test Embed Gemini
    context_length: 2048
    output_modalities: [embeddings]
    endpoints:
      - { provider: sim-gemini, upstream_model: embed, pricing: { prompt: 1, completion: 0 } }
  test/structured:
    name: Test Structured
    context_length: 4096
    supported_parameters: [max_tokens, tools, tool_choice, response_format]
    endpoints:
      - { provider: sim, upstream_model: echo, pricing: { prompt: 1, completion: 2 } }
`;

beforeAll(async () => {
  stack = await startTestStack({ catalog: CATALOG });
  client = new OpenAI({ baseURL: stack.baseUrl, apiKey: stack.apiKey, maxRetries: 0 });
});

afterAll(async () => {
  await stack?.stop();
});

const apiError = (request: Promise<unknown>) => apiErrorOf(request, OpenAI.APIError);

describe('legacy completions', () => {
  it('completes a prompt, priced and recorded like a chat completion', async () => {
    const { data, response } = await client.completions
      .create({ model: 'test/echo', prompt: 'Say hi', max_tokens: 20 })
      .withResponse();
    expect(data).toMatchObject({
      object: 'text_completion',
      model: 'test/echo',
      choices: [{ index: 0, text: 'Echo: Say hi', finish_reason: 'stop', logprobs: null }],
    });
    expect(data.id).toBe(response.headers.get('x-generation-id'));
    const usage = data.usage as OpenAI.CompletionUsage & { cost: number };
    expect(usage.completion_tokens).toBeGreaterThan(0);
    expect(usage.cost).toBeCloseTo(echoCost(usage.prompt_tokens, usage.completion_tokens), 12);

    const record = await waitForGeneration(stack, data.id);
    expect(record).toMatchObject({ model: 'test/echo', tokens_completion: usage.completion_tokens });
  });

  it('streams text completions, usage last', async () => {
    const stream = await client.completions.create({ model: 'test/echo', prompt: 'Stream it', stream: true });
    let text = '';
    const objects = new Set<string>();
    let usage: OpenAI.CompletionUsage | undefined;
    for await (const chunk of stream) {
      objects.add(chunk.object);
      text += chunk.choices[0]?.text ?? '';
      usage = chunk.usage ?? usage;
    }
    expect(text).toBe('Echo: Stream it');
    expect([...objects]).toEqual(['text_completion']);
    expect(usage?.completion_tokens).toBeGreaterThan(0);
  });

  it('refuses what it cannot honour, and a body without a prompt, with a 400', async () => {
    const echo = await apiError(client.completions.create({ model: 'test/echo', prompt: 'x', echo: true }));
    expect(echo.status).toBe(400);
    expect(echo.message).toContain('echo: is not supported');
    const none = await apiError(client.completions.create({ model: 'test/echo' } as never));
    expect(none.status).toBe(400);
    expect(none.message).toContain('prompt: is required');
  });
});

describe('prompt on /chat/completions', () => {
  it('takes a prompt in place of messages, as OpenRouter does', async () => {
    const completion = await client.chat.completions.create({ model: 'test/echo', prompt: 'Hi' } as never);
    expect(completion.choices[0].message.content).toBe('Echo: Hi');
  });

  it('refuses both a prompt and messages', async () => {
    const error = await apiError(
      client.chat.completions.create({
        model: 'test/echo',
        prompt: 'Hi',
        messages: [{ role: 'user', content: 'Hi' }],
      } as never),
    );
    expect(error.status).toBe(400);
    expect(error.message).toContain('either "messages" or "prompt"');
  });
});

describe('the Responses API', () => {
  const weather: OpenAI.Responses.FunctionTool = {
    type: 'function',
    name: 'get_weather',
    parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
    strict: true,
  };

  it('answers a string input, priced, under the generation id', async () => {
    const { data, response } = await client.responses
      .create({
        model: 'test/echo',
        input: 'Hello responses',
        instructions: 'Be brief.',
        max_output_tokens: 50,
      })
      .withResponse();
    expect(data.output_text).toBe('Echo: Hello responses');
    expect(data).toMatchObject({
      object: 'response',
      status: 'completed',
      model: 'test/echo',
      instructions: 'Be brief.',
      max_output_tokens: 50,
      store: false,
    });
    expect(data.id).toBe(response.headers.get('x-generation-id'));
    const usage = data.usage as OpenAI.Responses.ResponseUsage & { cost: number };
    expect(usage.output_tokens).toBeGreaterThan(0);
    expect(usage.cost).toBeCloseTo(echoCost(usage.input_tokens, usage.output_tokens), 12);
    await waitForGeneration(stack, data.id);
  });

  it("streams the Responses event sequence, which the SDK's stream helper assembles", async () => {
    const stream = client.responses.stream({ model: 'test/echo', input: 'Stream responses' });
    const types: string[] = [];
    let text = '';
    stream.on('event', (event) => types.push(event.type));
    stream.on('response.output_text.delta', (event) => (text += event.delta));
    const final = await stream.finalResponse();
    expect(text).toBe('Echo: Stream responses');
    expect(final.output_text).toBe('Echo: Stream responses');
    expect(final.status).toBe('completed');
    expect(final.usage?.output_tokens).toBeGreaterThan(0);
    expect(types.slice(0, 4)).toEqual([
      'response.created',
      'response.in_progress',
      'response.output_item.added',
      'response.content_part.added',
    ]);
    expect(types.slice(-4)).toEqual([
      'response.output_text.done',
      'response.content_part.done',
      'response.output_item.done',
      'response.completed',
    ]);
  });

  it('completes a streamed tool call round trip', async () => {
    const input: OpenAI.Responses.ResponseInputItem[] = [{ role: 'user', content: 'Weather in Paris?' }];
    const stream = client.responses.stream({ model: 'test/echo', input, tools: [weather] });
    let argumentsText = '';
    stream.on('response.function_call_arguments.delta', (event) => (argumentsText += event.delta));
    const first = await stream.finalResponse();
    const call = first.output.find((item) => item.type === 'function_call')!;
    expect(call).toMatchObject({ name: 'get_weather', status: 'completed' });
    expect(JSON.parse(call.arguments)).toEqual({ city: 'example' });
    expect(argumentsText).toBe(call.arguments);

    const second = await client.responses.create({
      model: 'test/echo',
      tools: [weather],
      input: [...input, call, { type: 'function_call_output', call_id: call.call_id, output: 'sunny, 21C' }],
    });
    expect(second.output_text).toBe('Tool result: sunny, 21C');
  });

  it('answers JSON that follows text.format', async () => {
    const response = await client.responses.create({
      model: 'test/structured',
      input: 'Pick a city',
      text: {
        format: {
          type: 'json_schema',
          name: 'city',
          schema: weather.parameters as Record<string, unknown>,
          strict: true,
        },
      },
    });
    expect(JSON.parse(response.output_text)).toEqual({ city: 'example' });
  });

  it('is stateless: store and previous_response_id are refused with a 400', async () => {
    const stored = await apiError(client.responses.create({ model: 'test/echo', input: 'x', store: true }));
    expect(stored.status).toBe(400);
    expect(stored.message).toContain('store');
    const chained = await apiError(
      client.responses.create({ model: 'test/echo', input: 'x', previous_response_id: 'gen-1-a' }),
    );
    expect(chained.status).toBe(400);
    expect(chained.message).toContain('previous_response_id');
  });

  it('ends a stream that breaks after it began with response.failed', async () => {
    const response = await fetch(`${stack.baseUrl}/responses`, {
      method: 'POST',
      headers: { authorization: `Bearer ${stack.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        model: 'test/cut',
        stream: true,
        input: 'one two three four five six seven eight',
      }),
    });
    expect(response.status).toBe(200);
    const events = (await response.text())
      .split('\n\n')
      .filter((block) => block.startsWith('event: '))
      .map(
        (block) =>
          JSON.parse(block.slice(block.indexOf('data: ') + 6)) as { type: string; response?: object },
      );
    expect(events.map((event) => event.type)).toContain('response.output_text.delta');
    expect(events.at(-1)).toMatchObject({ type: 'response.failed', response: { status: 'failed' } });
  });

  it('answers a provider failure before the stream began as an HTTP error', async () => {
    const error = await apiError(client.responses.create({ model: 'test/down', input: 'x' }));
    expect(error.status).toBe(502);
  });
});

describe('the model and provider lists', () => {
  const get = (path: string) =>
    fetch(`${stack.baseUrl}/${path}`).then((r) => r.json() as Promise<{ data: unknown }>);

  it('filters models by supported parameters and counts them', async () => {
    const all = (await get('models')).data as { id: string }[];
    const structured = (await get('models?supported_parameters=response_format')).data as { id: string }[];
    expect(structured.map((model) => model.id)).toEqual(['test/structured']);
    expect(all.length).toBeGreaterThan(structured.length);
    expect((await get('models/count')).data).toEqual({ count: all.length });
    expect((await get('models/count?supported_parameters=response_format,tools')).data).toEqual({ count: 1 });
  });

  it("lists the catalog's providers", async () => {
    const providers = (await get('providers')).data as { slug: string; name: string }[];
    expect(providers).toContainEqual({
      name: 'Simulator',
      slug: 'sim',
      privacy_policy_url: null,
      terms_of_service_url: null,
      status_page_url: null,
    });
  });
});

describe('embeddings', () => {
  it('embeds a text, priced and recorded as a generation', async () => {
    const { data, response } = await client.embeddings
      .create({ model: 'test/embed', input: 'hello embeddings', encoding_format: 'float' })
      .withResponse();
    expect(data.object).toBe('list');
    expect(data.model).toBe('test/embed');
    expect(data.data).toHaveLength(1);
    const [vector] = data.data;
    expect(vector).toMatchObject({ object: 'embedding', index: 0 });
    expect(vector.embedding).toHaveLength(16);
    const norm = Math.hypot(...vector.embedding);
    expect(norm).toBeCloseTo(1, 5);
    expect(data.usage.prompt_tokens).toBeGreaterThan(0);
    const cost = (data.usage as typeof data.usage & { cost: number }).cost;
    expect(cost).toBeCloseTo(data.usage.prompt_tokens * 1e-6, 12);

    const id = response.headers.get('x-generation-id')!;
    const record = await waitForGeneration(stack, id);
    expect(record).toMatchObject({
      model: 'test/embed',
      tokens_prompt: data.usage.prompt_tokens,
      tokens_completion: 0,
    });
    expect(record.total_cost).toBeCloseTo(cost, 12);
  });

  it("embeds a batch in order, in the SDK's default base64 and with dimensions, the same text always alike", async () => {
    const batch = await client.embeddings.create({
      model: 'test/embed',
      input: ['one', 'two', 'one'],
      dimensions: 8,
    });
    expect(batch.data.map((item) => item.index)).toEqual([0, 1, 2]);
    expect(batch.data.every((item) => item.embedding.length === 8)).toBe(true);
    expect(batch.data[0].embedding).toEqual(batch.data[2].embedding);
    expect(batch.data[0].embedding).not.toEqual(batch.data[1].embedding);
  });

  it("embeds through the Gemini worker's batchEmbedContents", async () => {
    const floats = await client.embeddings.create({
      model: 'test/embed-gemini',
      input: ['alpha', 'beta'],
      encoding_format: 'float',
    });
    const decoded = await client.embeddings.create({ model: 'test/embed-gemini', input: ['alpha', 'beta'] });
    expect(floats.data).toHaveLength(2);
    expect(floats.data[0].embedding).toHaveLength(16);
    decoded.data.forEach((item, index) =>
      item.embedding.forEach((value, i) => expect(value).toBeCloseTo(floats.data[index].embedding[i], 6)),
    );
    expect(floats.usage.prompt_tokens).toBeGreaterThan(0);
  });

  it('keeps embedding and chat models apart, and refuses token inputs', async () => {
    const chatModel = await apiError(client.embeddings.create({ model: 'test/echo', input: 'x' }));
    expect(chatModel.status).toBe(404);
    expect(JSON.stringify(chatModel.error)).toContain('not an embedding model');
    const embedModel = await apiError(
      client.chat.completions.create({ model: 'test/embed', messages: [{ role: 'user', content: 'x' }] }),
    );
    expect(embedModel.status).toBe(404);
    expect(JSON.stringify(embedModel.error)).toContain('an embedding model');
    const tokens = await apiError(client.embeddings.create({ model: 'test/embed', input: [[1, 2, 3]] }));
    expect(tokens.status).toBe(400);
    expect(tokens.message).toContain('token arrays are not supported');
  });
});

describe('a stream waiting for its first token', () => {
  it('says : OPENROUTER PROCESSING at once and every few seconds, then streams the answer', async () => {
    const response = await fetch(`${stack.baseUrl}/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${stack.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'test/slow', stream: true, messages: [{ role: 'user', content: 'Hi' }] }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-generation-id')).toMatch(/^gen-/);
    const reads: string[] = [];
    const decoder = new TextDecoder();
    for await (const bytes of response.body!) reads.push(decoder.decode(bytes as Uint8Array));
    const text = reads.join('');
    const beforeFirstToken = text.slice(0, text.indexOf('data:'));
    // The provider takes 3.5 s: one comment at once, one 3 s later.
    expect(beforeFirstToken).toBe(': OPENROUTER PROCESSING\n\n'.repeat(2));
    expect(reads[0]).toBe(': OPENROUTER PROCESSING\n\n');
    expect(text).toContain('"content":"Echo:');
    expect(text.endsWith('data: [DONE]\n\n')).toBe(true);
  });

  it('answers a failure of every provider, after the head went out, as an error chunk the SDK throws', async () => {
    const stream = await client.chat.completions.create({
      model: 'test/down',
      stream: true,
      messages: [{ role: 'user', content: 'Hi' }],
    });
    const failure = await (async () => {
      try {
        for await (const _chunk of stream) {
          // Nothing arrives before the error.
        }
      } catch (error) {
        return error;
      }
      return null;
    })();
    expect(failure).toBeInstanceOf(OpenAI.APIError);
    expect((failure as InstanceType<typeof OpenAI.APIError>).message).toMatch(/Down Simulator|provider/);
  });

  it('still answers a request it cannot route with a plain HTTP error', async () => {
    const error = await apiError(
      client.chat.completions.create({
        model: 'test/nope',
        stream: true,
        messages: [{ role: 'user', content: 'x' }],
      }),
    );
    expect(error.status).toBe(404);
  });
});

describe('app attribution', () => {
  it('records HTTP-Referer and X-Title with the generation and in the activity', async () => {
    const app = new OpenAI({
      baseURL: stack.baseUrl,
      apiKey: stack.apiKey,
      maxRetries: 0,
      defaultHeaders: { 'HTTP-Referer': 'https://notes.example', 'X-Title': 'Notes Example' },
    });
    const { response } = await app.chat.completions
      .create({ model: 'test/echo', messages: [{ role: 'user', content: 'attributed' }] })
      .withResponse();
    const record = await waitForGeneration(stack, response.headers.get('x-generation-id')!);
    expect(record).toMatchObject({ origin: 'https://notes.example', app_title: 'Notes Example' });

    const activity = await fetch(`${stack.baseUrl}/activity`, {
      headers: { authorization: `Bearer ${stack.apiKey}` },
    }).then((r) => r.json() as Promise<{ data: { app: string | null; model: string; requests: number }[] }>);
    expect(activity.data).toContainEqual(
      expect.objectContaining({ app: 'Notes Example', model: 'test/echo', requests: 1 }),
    );
    expect(activity.data.some((row) => row.app === null)).toBe(true);
  });
});

describe('parameters an endpoint does not take', () => {
  it('are left out by the worker and listed in /generation', async () => {
    const { response } = await client.chat.completions
      .create({
        model: 'test/echo',
        temperature: 0.3,
        seed: 7,
        max_tokens: 50,
        messages: [{ role: 'user', content: 'x' }],
      })
      .withResponse();
    const record = await waitForGeneration(stack, response.headers.get('x-generation-id')!);
    expect(record.dropped_parameters).toEqual(['temperature', 'seed']);
  });
});
