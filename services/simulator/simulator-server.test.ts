import OpenAI from 'openai';
import { embeddingVector } from './embedding-vector';
import type { GeminiErrorBody } from './gemini/gemini-error';
import type { OpenAIErrorBody } from './openai/openai-error';
import { readUntilEnd } from './read-until-end';
import { planReply } from './reply';
import { startSimulator, type RunningSimulator } from './simulator-server';

let simulator: RunningSimulator;

beforeAll(async () => {
  simulator = await startSimulator({ port: 0 });
});

afterAll(async () => {
  await simulator.close();
});

const hello = { model: 'echo', messages: [{ role: 'user', content: 'Hello there, simulator' }] };
const weatherTool = {
  type: 'function',
  function: {
    name: 'get_weather',
    parameters: {
      type: 'object',
      properties: { city: { type: 'string' }, unit: { type: 'string', enum: ['c', 'f'] } },
      required: ['city', 'unit'],
    },
  },
};

function post(body: unknown, prefix = '', init: RequestInit = {}): Promise<Response> {
  return fetch(`${simulator.url}${prefix}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
    ...init,
  });
}

/** Checks the framing OpenAI uses (`data: <one line>` and a blank line per event) and returns the payloads. */
function ssePayloads(text: string): string[] {
  expect(text.endsWith('\n\n')).toBe(true);
  return text
    .slice(0, -2)
    .split('\n\n')
    .map((event) => {
      expect(event).toMatch(/^data: [^\n]+$/);
      return event.slice('data: '.length);
    });
}

interface Chunk {
  id: string;
  object: string;
  choices: { index: number; delta: Record<string, unknown>; finish_reason: string | null }[];
  usage?: Record<string, unknown> | null;
}

function chunksOf(text: string): Chunk[] {
  const payloads = ssePayloads(text);
  expect(payloads.at(-1)).toBe('[DONE]');
  return payloads.slice(0, -1).map((payload) => JSON.parse(payload) as Chunk);
}

async function json<T>(response: Response): Promise<T> {
  return (await response.json()) as T;
}

const completionOf = (response: Response) => json<OpenAI.ChatCompletion>(response);
const errorOf = async (response: Response) => (await json<OpenAIErrorBody>(response)).error;

describe('chat completions', () => {
  it('answers in the shape of an OpenAI chat.completion', async () => {
    const response = await post(hello);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    const body = await response.json();
    expect(body).toEqual({
      id: expect.stringMatching(/^chatcmpl-sim-\w+$/),
      object: 'chat.completion',
      created: expect.any(Number),
      model: 'echo',
      choices: [
        {
          index: 0,
          message: {
            role: 'assistant',
            content: 'Echo: Hello there, simulator',
            refusal: null,
            annotations: [],
          },
          logprobs: null,
          finish_reason: 'stop',
        },
      ],
      usage: {
        prompt_tokens: 4,
        completion_tokens: 4,
        total_tokens: 8,
        prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
        completion_tokens_details: {
          reasoning_tokens: 0,
          audio_tokens: 0,
          accepted_prediction_tokens: 0,
          rejected_prediction_tokens: 0,
        },
      },
      service_tier: 'default',
      system_fingerprint: 'fp_simulator',
    });
  });

  it('streams one chunk per token, a finish chunk and [DONE], without usage unless asked', async () => {
    const response = await post({ ...hello, stream: true });
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    const chunks = chunksOf(await response.text());
    expect(chunks[0].choices[0].delta).toEqual({ role: 'assistant', content: '', refusal: null });
    expect(chunks.slice(1, -1).map((c) => c.choices[0].delta.content)).toEqual([
      'Echo: ',
      'Hello ',
      'there, ',
      'simulator',
    ]);
    expect(chunks.at(-1)!.choices[0]).toEqual({ index: 0, delta: {}, logprobs: null, finish_reason: 'stop' });
    expect(new Set(chunks.map((c) => c.id)).size).toBe(1);
    expect(chunks.every((c) => c.object === 'chat.completion.chunk' && !('usage' in c))).toBe(true);
  });

  it('adds a usage chunk with no choices when include_usage is set, and usage: null before it', async () => {
    const response = await post({ ...hello, stream: true, stream_options: { include_usage: true } });
    const chunks = chunksOf(await response.text());
    const last = chunks.at(-1)!;
    expect(last.choices).toEqual([]);
    expect(last.usage).toMatchObject({ prompt_tokens: 4, completion_tokens: 4, total_tokens: 8 });
    expect(chunks.slice(0, -1).every((c) => c.usage === null)).toBe(true);
    expect(chunks.map((c) => c.choices[0]?.delta.content ?? '').join('')).toBe(
      'Echo: Hello there, simulator',
    );
  });

  it('stops at max_tokens with finish_reason length', async () => {
    const body = await completionOf(await post({ ...hello, max_tokens: 2 }));
    expect(body.choices[0].message.content).toBe('Echo: Hello ');
    expect(body.choices[0].finish_reason).toBe('length');
    expect(body.usage?.completion_tokens).toBe(2);
  });

  it('calls a tool with arguments built from its schema', async () => {
    const request = { ...hello, tools: [weatherTool] };
    const body = await completionOf(await post(request));
    const message = body.choices[0].message;
    expect(body.choices[0].finish_reason).toBe('tool_calls');
    expect(message.content).toBeNull();
    expect(message.tool_calls).toEqual([
      {
        id: 'call_sim_0',
        type: 'function',
        function: { name: 'get_weather', arguments: expect.any(String) },
      },
    ]);
    const args = (message.tool_calls![0] as OpenAI.ChatCompletionMessageFunctionToolCall).function.arguments;
    expect(JSON.parse(args)).toEqual({ city: 'example', unit: 'c' });
    expect(planReply(request)).toEqual({
      kind: 'tool_calls',
      calls: [{ id: 'call_sim_0', name: 'get_weather', arguments: args }],
    });
  });

  it('reports the tool result after a tool call round trip', async () => {
    const assistant = {
      role: 'assistant',
      content: null,
      tool_calls: [
        { id: 'call_sim_0', type: 'function', function: { name: 'get_weather', arguments: '{}' } },
      ],
      refusal: null,
      annotations: [],
    };
    const tool = { role: 'tool', tool_call_id: 'call_sim_0', content: 'sunny, 21C' };
    const messages = [...hello.messages, assistant, tool];
    const body = await completionOf(await post({ model: 'echo', tools: [weatherTool], messages }));
    expect(body.choices[0].message.content).toBe('Tool result: sunny, 21C');
  });

  it('streams a tool call as OpenAI does: id and name first, then argument fragments', async () => {
    const chunks = chunksOf(await (await post({ ...hello, tools: [weatherTool], stream: true })).text());
    const calls = chunks.flatMap((c) => (c.choices[0]?.delta.tool_calls ?? []) as Record<string, unknown>[]);
    expect(calls[0]).toEqual({
      index: 0,
      id: 'call_sim_0',
      type: 'function',
      function: { name: 'get_weather', arguments: '' },
    });
    expect(calls.slice(1).every((c) => Object.keys(c).join() === 'index,function')).toBe(true);
    const args = calls.map((c) => (c.function as { arguments: string }).arguments).join('');
    expect(JSON.parse(args)).toEqual({ city: 'example', unit: 'c' });
    expect(chunks.at(-1)!.choices[0].finish_reason).toBe('tool_calls');
  });

  it('answers json_schema with an example of the schema', async () => {
    const schema = { type: 'object', properties: { n: { type: 'integer' }, tags: { type: 'array' } } };
    const format = { type: 'json_schema', json_schema: { name: 's', schema } };
    const body = await completionOf(await post({ ...hello, response_format: format }));
    expect(JSON.parse(body.choices[0].message.content!)).toEqual({ n: 1, tags: [] });
  });

  it('lists the echo model, with or without a scenario prefix', async () => {
    for (const prefix of ['', '/scenario/ttft=1']) {
      const body = await (await fetch(`${simulator.url}${prefix}/v1/models`)).json();
      expect(body).toEqual({
        object: 'list',
        data: [{ id: 'echo', object: 'model', created: expect.any(Number), owned_by: 'switchyard' }],
      });
    }
  });
});

describe('embeddings', () => {
  const embed = (body: unknown, prefix = '') =>
    fetch(`${simulator.url}${prefix}/v1/embeddings`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const embeddingsOf = (response: Response) => json<OpenAI.CreateEmbeddingResponse>(response);
  const geminiEmbed = (action: string, body: unknown) =>
    fetch(`${simulator.url}/v1beta/models/gemini-embedding-sim:${action}`, {
      method: 'POST',
      body: JSON.stringify(body),
    });
  const text = 'Hello there, simulator';

  it('answers in the shape of an OpenAI embedding list, 16 floats of unit length by default', async () => {
    const response = await embed({ model: 'text-embedding-sim', input: text });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    const body = await embeddingsOf(response);
    expect(body).toEqual({
      object: 'list',
      data: [{ object: 'embedding', index: 0, embedding: embeddingVector(text) }],
      model: 'text-embedding-sim',
      usage: { prompt_tokens: 3, total_tokens: 3 },
    });
    expect(body.data[0].embedding).toHaveLength(16);
    expect(Math.hypot(...body.data[0].embedding)).toBeCloseTo(1, 6);
  });

  it('sends base64 little-endian float32s that decode to the float answer', async () => {
    const request = { model: 'text-embedding-sim', input: text };
    const floats = await embeddingsOf(await embed(request));
    const encoded = await json<{ data: { embedding: string }[] }>(
      await embed({ ...request, encoding_format: 'base64' }),
    );
    expect(typeof encoded.data[0].embedding).toBe('string');
    const bytes = Buffer.from(encoded.data[0].embedding, 'base64');
    const decoded = Array.from(new Float32Array(bytes.buffer, bytes.byteOffset, bytes.length / 4));
    expect(decoded).toEqual(floats.data[0].embedding);
  });

  it('serves the openai SDK, which asks for base64 and decodes it', async () => {
    const client = new OpenAI({ baseURL: `${simulator.url}/v1`, apiKey: 'sk-sim', maxRetries: 0 });
    const body = await client.embeddings.create({ model: 'text-embedding-sim', input: [text, 'again'] });
    expect(body.data.map((item) => item.embedding)).toEqual([
      embeddingVector(text),
      embeddingVector('again'),
    ]);
  });

  it('answers with the dimensions asked for', async () => {
    const body = await embeddingsOf(await embed({ model: 'm', input: text, dimensions: 256 }));
    expect(body.data[0].embedding).toEqual(embeddingVector(text, 256));
    expect(Math.hypot(...body.data[0].embedding)).toBeCloseTo(1, 6);
  });

  it('embeds a batch of inputs with their indexes in order and the words of all as prompt tokens', async () => {
    const input = ['first input', 'second', 'the third one'];
    const body = await embeddingsOf(await embed({ model: 'm', input }));
    expect(body.data.map((item) => item.index)).toEqual([0, 1, 2]);
    expect(body.data.map((item) => item.embedding)).toEqual(input.map((item) => embeddingVector(item)));
    expect(new Set(body.data.map((item) => JSON.stringify(item.embedding))).size).toBe(3);
    expect(body.usage).toEqual({ prompt_tokens: 6, total_tokens: 6 });
  });

  it.each<[string, unknown, string | null]>([
    ['a missing input', { model: 'm' }, 'input'],
    ['an empty input', { model: 'm', input: '' }, null],
    ['an empty string among the inputs', { model: 'm', input: ['a', ''] }, null],
    ['a missing model', { input: 'a' }, null],
  ])('rejects %s with 400 invalid_request_error', async (_name, body, param) => {
    const response = await embed(body);
    expect(response.status).toBe(400);
    expect(await errorOf(response)).toMatchObject({ type: 'invalid_request_error', param });
  });

  it('fails as a scenario asks, like every route', async () => {
    const response = await embed({ model: 'm', input: text }, '/scenario/fail=500');
    expect(response.status).toBe(500);
    expect(await errorOf(response)).toMatchObject({ type: 'server_error', param: null, code: null });
  });

  it('leaves usage out with no-usage', async () => {
    const body = await embeddingsOf(await embed({ model: 'm', input: text }, '/scenario/no-usage'));
    expect(body.data[0].embedding).toEqual(embeddingVector(text));
    expect(body).not.toHaveProperty('usage');
  });

  it('refuses replay=, as there are no recorded embeddings', async () => {
    const response = await embed({ model: 'm', input: text }, '/scenario/replay=openai/openai-text');
    expect(response.status).toBe(400);
    expect((await errorOf(response)).message).toBe('replay= has no recordings for POST /v1/embeddings');
  });

  it('answers Gemini batchEmbedContents with one embedding per request, in order, and no usage', async () => {
    const model = 'models/gemini-embedding-sim';
    const requests = [
      { model, content: { parts: [{ text }] } },
      {
        model,
        content: { parts: [{ text: 'second' }] },
        outputDimensionality: 8,
        taskType: 'RETRIEVAL_QUERY',
      },
    ];
    const response = await geminiEmbed('batchEmbedContents', { requests });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json; charset=UTF-8');
    expect(await response.json()).toEqual({
      embeddings: [{ values: embeddingVector(text) }, { values: embeddingVector('second', 8) }],
    });
  });

  it('answers Gemini embedContent with the vector OpenAI gives the same text', async () => {
    const response = await geminiEmbed('embedContent', { content: { parts: [{ text }] } });
    expect(await response.json()).toEqual({ embedding: { values: embeddingVector(text) } });
    const sized = await geminiEmbed('embedContent', {
      content: { parts: [{ text }] },
      outputDimensionality: 3,
    });
    expect(await sized.json()).toEqual({ embedding: { values: embeddingVector(text, 3) } });
  });

  it('rejects Gemini embedding requests without content as Gemini does', async () => {
    for (const [action, body, message] of [
      ['embedContent', {}, '* EmbedContentRequest.content: content is not specified\n'],
      [
        'batchEmbedContents',
        { requests: [] },
        '* BatchEmbedContentsRequest.requests: requests is not specified\n',
      ],
    ] as const) {
      const response = await geminiEmbed(action, body);
      expect(response.status).toBe(400);
      expect(((await response.json()) as GeminiErrorBody).error).toEqual({
        code: 400,
        message,
        status: 'INVALID_ARGUMENT',
      });
    }
  });
});

describe('request validation', () => {
  it.each<[string, unknown, string | null]>([
    ['invalid JSON', '{"model":', null],
    ['missing messages', { model: 'echo' }, 'messages'],
    ['empty messages', { model: 'echo', messages: [] }, 'messages'],
    ['missing model', { messages: hello.messages }, null],
    ['a bad role', { model: 'echo', messages: [{ role: 'robot', content: 'x' }] }, 'messages[0].role'],
    [
      'a user message without content',
      { model: 'echo', messages: [{ role: 'user' }] },
      'messages[0].content',
    ],
    [
      'a tool message without tool_call_id',
      { model: 'echo', messages: [{ role: 'tool', content: 'x' }] },
      'messages[0].tool_call_id',
    ],
    ['max_tokens 0', { ...hello, max_tokens: 0 }, 'max_tokens'],
    [
      'stream_options without stream',
      { ...hello, stream_options: { include_usage: true } },
      'stream_options',
    ],
    ['an unknown named tool', { ...hello, tools: [weatherTool], tool_choice: tc('nope') }, 'tool_choice'],
  ])('rejects %s with 400 invalid_request_error', async (_name, body, param) => {
    const response = await post(body);
    expect(response.status).toBe(400);
    const error = await errorOf(response);
    expect(error).toEqual({
      message: expect.any(String),
      type: 'invalid_request_error',
      param,
      code: error.code,
    });
  });

  it('answers an unknown path with 404 Invalid URL', async () => {
    const response = await fetch(`${simulator.url}/v1/completions`, { method: 'POST', body: '{}' });
    expect(response.status).toBe(404);
    expect((await errorOf(response)).message).toBe('Invalid URL (POST /v1/completions)');
  });

  it('answers an unknown scenario option with 400 naming it', async () => {
    const response = await post(hello, '/scenario/slow');
    expect(response.status).toBe(400);
    expect((await errorOf(response)).message).toMatch(/Unknown scenario option 'slow'/);
  });
});

describe('scenarios', () => {
  it('fail=429 answers with retry-after and an OpenAI error body', async () => {
    const response = await post(hello, '/scenario/fail=429');
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('1');
    expect(await response.json()).toEqual({
      error: { message: expect.any(String), type: 'requests', param: null, code: 'rate_limit_exceeded' },
    });
  });

  it('fail=500 answers with a server_error body and no retry-after', async () => {
    const response = await post({ ...hello, stream: true }, '/scenario/fail=500');
    expect(response.status).toBe(500);
    expect(response.headers.get('retry-after')).toBeNull();
    expect(await errorOf(response)).toMatchObject({ type: 'server_error', param: null, code: null });
  });

  it('fail=503 answers with retry-after', async () => {
    const response = await post(hello, '/scenario/fail=503');
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('1');
    await response.body?.cancel();
  });

  it('fail-every=2 fails every second request of that scenario', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      const response = await post(hello, '/scenario/fail-every=2');
      await response.body?.cancel();
      statuses.push(response.status);
    }
    expect(statuses).toEqual([200, 500, 200, 500]);
  });

  it('ttft delays the first byte', async () => {
    const started = performance.now();
    const response = await post({ ...hello, stream: true }, '/scenario/ttft=120');
    expect(performance.now() - started).toBeGreaterThanOrEqual(115);
    expect(chunksOf(await response.text()).length).toBe(6);
  });

  it('itl spaces the streamed tokens', async () => {
    const started = performance.now();
    const text = await (await post({ ...hello, stream: true }, '/scenario/itl=25')).text();
    expect(performance.now() - started).toBeGreaterThanOrEqual(3 * 25 - 5);
    expect(chunksOf(text).length).toBe(6);
  });

  it('cut=2 streams two content chunks, then drops the connection without [DONE]', async () => {
    const response = await post({ ...hello, stream: true }, '/scenario/cut=2');
    const { text, failed } = await readUntilEnd(response);
    expect(failed).toBe(true);
    expect(text).not.toContain('[DONE]');
    const chunks = ssePayloads(text).map((payload) => JSON.parse(payload) as Chunk);
    expect(chunks.map((c) => c.choices[0].delta.content)).toEqual(['', 'Echo: ', 'Hello ']);
  });

  it('no-usage streams no usage chunk even when asked for one, and answers a completion without usage', async () => {
    const streamed = { ...hello, stream: true, stream_options: { include_usage: true } };
    const chunks = chunksOf(await (await post(streamed, '/scenario/no-usage')).text());
    expect(chunks.map((c) => c.choices[0].delta.content).join('')).toBe('Echo: Hello there, simulator');
    expect(chunks.every((c) => c.choices.length === 1 && !('usage' in c))).toBe(true);
    const completion = await completionOf(await post(hello, '/scenario/no-usage'));
    expect(completion.choices[0].message.content).toBe('Echo: Hello there, simulator');
    expect(completion).not.toHaveProperty('usage');
  });

  it('malformed makes the second event invalid JSON', async () => {
    const payloads = ssePayloads(
      await (await post({ ...hello, stream: true }, '/scenario/malformed')).text(),
    );
    expect(() => JSON.parse(payloads[0])).not.toThrow();
    expect(() => JSON.parse(payloads[1])).toThrow(SyntaxError);
    expect(payloads.at(-1)).toBe('[DONE]');
  });

  it('stall never answers; the client times out and the simulator is fine afterwards', async () => {
    const request = post(hello, '/scenario/stall', { signal: AbortSignal.timeout(100) });
    await expect(request).rejects.toThrow(/timeout|aborted/i);
    expect((await post(hello)).status).toBe(200);
  });

  it('stall-after=1 streams one token then goes silent until the client gives up', async () => {
    const response = await post({ ...hello, stream: true }, '/scenario/stall-after=1', {
      signal: AbortSignal.timeout(150),
    });
    const { text, failed } = await readUntilEnd(response);
    expect(failed).toBe(true);
    expect(ssePayloads(text)).toHaveLength(2);
  });
});

describe('a simulator with an API key', () => {
  it('answers 401 without the key or with a wrong one, 200 with it', async () => {
    const guarded = await startSimulator({ apiKey: 'sk-sim' });
    try {
      const send = (authorization?: string) =>
        fetch(`${guarded.url}/v1/chat/completions`, {
          method: 'POST',
          headers: authorization ? { authorization } : {},
          body: JSON.stringify(hello),
        });
      const missing = await send();
      expect(missing.status).toBe(401);
      expect((await errorOf(missing)).type).toBe('invalid_request_error');
      const wrong = await send('Bearer sk-other');
      expect(wrong.status).toBe(401);
      expect((await errorOf(wrong)).code).toBe('invalid_api_key');
      expect((await send('Bearer sk-sim')).status).toBe(200);
      const embeddings = await fetch(`${guarded.url}/v1/embeddings`, {
        method: 'POST',
        body: JSON.stringify({ model: 'm', input: 'a' }),
      });
      expect(embeddings.status).toBe(401);
    } finally {
      await guarded.close();
    }
  });
});

describe('close', () => {
  it('ends stalled streams so callers are not left waiting', async () => {
    const own = await startSimulator({ defaults: { stallAfter: 0 } });
    const response = await fetch(`${own.url}/v1/chat/completions`, {
      method: 'POST',
      body: JSON.stringify({ ...hello, stream: true }),
    });
    const reading = readUntilEnd(response);
    await own.close();
    expect((await reading).failed).toBe(true);
  });
});

function tc(name: string) {
  return { type: 'function', function: { name } };
}
