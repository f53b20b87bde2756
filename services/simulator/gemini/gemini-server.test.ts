import { readUntilEnd } from '../read-until-end';
import { startSimulator, type RunningSimulator } from '../simulator-server';
import type { GeminiErrorBody } from './gemini-error';

let simulator: RunningSimulator;

beforeAll(async () => {
  simulator = await startSimulator({ port: 0, apiKey: 'AIza-sim' });
});

afterAll(async () => {
  await simulator.close();
});

const KEY = { 'x-goog-api-key': 'AIza-sim' };
const hello = { contents: [{ role: 'user', parts: [{ text: 'Hello there, simulator' }] }] };
const weather = {
  name: 'get_weather',
  parameters: {
    type: 'OBJECT',
    properties: { city: { type: 'STRING' }, unit: { type: 'STRING', enum: ['c', 'f'] } },
    required: ['city', 'unit'],
  },
};
const forcedWeather = {
  tools: [{ functionDeclarations: [weather] }],
  toolConfig: { functionCallingConfig: { mode: 'ANY' } },
};

function generate(body: unknown, prefix = '', init: RequestInit = {}): Promise<Response> {
  return fetch(`${simulator.url}${prefix}/v1beta/models/gemini-sim:generateContent`, {
    method: 'POST',
    headers: KEY,
    body: JSON.stringify(body),
    ...init,
  });
}

function streamGenerate(body: unknown, prefix = '', init: RequestInit = {}): Promise<Response> {
  return fetch(`${simulator.url}${prefix}/v1beta/models/gemini-sim:streamGenerateContent?alt=sse`, {
    method: 'POST',
    headers: KEY,
    body: JSON.stringify(body),
    ...init,
  });
}

interface Chunk {
  candidates: {
    content: { parts: Record<string, unknown>[]; role: string };
    finishReason?: string;
    index: number;
  }[];
  usageMetadata: { promptTokenCount: number; candidatesTokenCount: number; totalTokenCount: number };
  modelVersion: string;
  responseId: string;
}

/** Checks Gemini's framing (`data: <one line>` and CRLF CRLF per event, no end marker). */
function chunksOf(text: string): Chunk[] {
  expect(text.endsWith('\r\n\r\n')).toBe(true);
  return text
    .slice(0, -4)
    .split('\r\n\r\n')
    .map((event) => {
      expect(event).toMatch(/^data: [^\r\n]+$/);
      return JSON.parse(event.slice('data: '.length)) as Chunk;
    });
}

async function errorOf(response: Response) {
  return ((await response.json()) as GeminiErrorBody).error;
}

describe('generateContent', () => {
  it('answers in the shape of a GenerateContentResponse', async () => {
    const response = await generate(hello);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json; charset=UTF-8');
    expect(await response.json()).toEqual({
      candidates: [
        {
          content: { parts: [{ text: 'Echo: Hello there, simulator' }], role: 'model' },
          finishReason: 'STOP',
          index: 0,
        },
      ],
      usageMetadata: {
        promptTokenCount: 4,
        candidatesTokenCount: 4,
        totalTokenCount: 8,
        promptTokensDetails: [{ modality: 'TEXT', tokenCount: 4 }],
      },
      modelVersion: 'gemini-sim',
      responseId: expect.stringMatching(/^[\w-]{22}$/),
    });
  });

  it('calls a function with args built from its OpenAPI schema', async () => {
    const body = (await (await generate({ ...hello, ...forcedWeather })).json()) as Chunk;
    expect(body.candidates[0].content.parts).toEqual([
      { functionCall: { name: 'get_weather', args: { city: 'example', unit: 'c' } } },
    ]);
    expect(body.candidates[0].finishReason).toBe('STOP');
  });

  it('reports a function response as JSON after the function call turn', async () => {
    const contents = [
      ...hello.contents,
      { role: 'model', parts: [{ functionCall: { name: 'get_weather', args: {} } }] },
      { role: 'user', parts: [{ functionResponse: { name: 'get_weather', response: { temp: 21 } } }] },
    ];
    const body = (await (await generate({ contents, tools: forcedWeather.tools })).json()) as Chunk;
    expect(body.candidates[0].content.parts).toEqual([{ text: 'Tool result: {"temp":21}' }]);
  });

  it('stops at maxOutputTokens with MAX_TOKENS, read in snake_case too', async () => {
    for (const config of [
      { generationConfig: { maxOutputTokens: 2 } },
      { generation_config: { max_output_tokens: 2 } },
    ]) {
      const body = (await (await generate({ ...hello, ...config })).json()) as Chunk;
      expect(body.candidates[0].content.parts).toEqual([{ text: 'Echo: Hello ' }]);
      expect(body.candidates[0].finishReason).toBe('MAX_TOKENS');
      expect(body.usageMetadata.candidatesTokenCount).toBe(2);
    }
  });

  it('answers JSON mode with an example of responseSchema', async () => {
    const generationConfig = {
      responseMimeType: 'application/json',
      responseSchema: { type: 'OBJECT', properties: { ok: { type: 'BOOLEAN' } } },
    };
    const body = (await (await generate({ ...hello, generationConfig })).json()) as Chunk;
    expect(body.candidates[0].content.parts).toEqual([{ text: '{"ok":true}' }]);
  });
});

describe('streamGenerateContent', () => {
  it('streams one chunk per token with usage so far, the last with the finish reason', async () => {
    const response = await streamGenerate(hello);
    expect(response.headers.get('content-type')).toBe('text/event-stream');
    const chunks = chunksOf(await response.text());
    expect(chunks.map((c) => c.candidates[0].content.parts[0].text)).toEqual([
      'Echo: ',
      'Hello ',
      'there, ',
      'simulator',
    ]);
    expect(chunks.map((c) => c.candidates[0].finishReason)).toEqual([
      undefined,
      undefined,
      undefined,
      'STOP',
    ]);
    expect(chunks.map((c) => c.usageMetadata.candidatesTokenCount)).toEqual([1, 2, 3, 4]);
    expect(chunks.at(-1)!.usageMetadata).toMatchObject({ promptTokenCount: 4, totalTokenCount: 8 });
    expect(new Set(chunks.map((c) => c.responseId)).size).toBe(1);
  });

  it('streams a function call whole in one chunk', async () => {
    const chunks = chunksOf(await (await streamGenerate({ ...hello, ...forcedWeather })).text());
    expect(chunks).toHaveLength(1);
    expect(chunks[0].candidates[0]).toEqual({
      content: {
        parts: [{ functionCall: { name: 'get_weather', args: { city: 'example', unit: 'c' } } }],
        role: 'model',
      },
      finishReason: 'STOP',
      index: 0,
    });
  });

  it('needs alt=sse', async () => {
    const response = await fetch(`${simulator.url}/v1beta/models/gemini-sim:streamGenerateContent`, {
      method: 'POST',
      headers: KEY,
      body: JSON.stringify(hello),
    });
    expect(response.status).toBe(400);
    expect((await errorOf(response)).message).toMatch(/alt=sse/);
  });
});

describe('access and validation', () => {
  it('takes the key from x-goog-api-key or ?key=', async () => {
    const url = `${simulator.url}/v1beta/models/gemini-sim:generateContent`;
    const byQuery = await fetch(`${url}?key=AIza-sim`, { method: 'POST', body: JSON.stringify(hello) });
    expect(byQuery.status).toBe(200);
    await byQuery.body?.cancel();
    const missing = await fetch(url, { method: 'POST', body: JSON.stringify(hello) });
    expect(missing.status).toBe(403);
    expect(await errorOf(missing)).toMatchObject({ code: 403, status: 'PERMISSION_DENIED' });
    const wrong = await generate(hello, '', { headers: { 'x-goog-api-key': 'AIza-other' } });
    expect(wrong.status).toBe(400);
    expect(await errorOf(wrong)).toMatchObject({
      message: 'API key not valid. Please pass a valid API key.',
      status: 'INVALID_ARGUMENT',
      details: [expect.objectContaining({ reason: 'API_KEY_INVALID' })],
    });
  });

  it('rejects a request without contents as Gemini does', async () => {
    const response = await generate({ contents: [] });
    expect(response.status).toBe(400);
    expect(await errorOf(response)).toEqual({
      code: 400,
      message: '* GenerateContentRequest.contents: contents is not specified\n',
      status: 'INVALID_ARGUMENT',
    });
  });

  it('checks the key on the embedding methods too', async () => {
    const body = JSON.stringify({ content: { parts: [{ text: 'Hi' }] } });
    const url = `${simulator.url}/v1beta/models/gemini-embedding-sim:embedContent`;
    const missing = await fetch(url, { method: 'POST', body });
    expect(missing.status).toBe(403);
    expect((await errorOf(missing)).status).toBe('PERMISSION_DENIED');
    const batchUrl = `${simulator.url}/v1beta/models/gemini-embedding-sim:batchEmbedContents`;
    const wrong = await fetch(batchUrl, {
      method: 'POST',
      headers: { 'x-goog-api-key': 'AIza-other' },
      body,
    });
    expect(wrong.status).toBe(400);
    expect((await errorOf(wrong)).message).toBe('API key not valid. Please pass a valid API key.');
    const allowed = await fetch(`${url}?key=AIza-sim`, { method: 'POST', body });
    expect(allowed.status).toBe(200);
    expect(await allowed.json()).toEqual({ embedding: { values: expect.any(Array) } });
  });

  it('answers an unknown method with 404 NOT_FOUND', async () => {
    const response = await fetch(`${simulator.url}/v1beta/models/gemini-sim:countTokens`, {
      method: 'POST',
      headers: KEY,
      body: '{}',
    });
    expect(response.status).toBe(404);
    expect((await errorOf(response)).status).toBe('NOT_FOUND');
  });
});

describe('scenarios', () => {
  it.each<[number, string]>([
    [400, 'INVALID_ARGUMENT'],
    [403, 'PERMISSION_DENIED'],
    [404, 'NOT_FOUND'],
    [500, 'INTERNAL'],
    [503, 'UNAVAILABLE'],
  ])('fail=%i answers with a Google %s body', async (code, status) => {
    const response = await streamGenerate(hello, `/scenario/fail=${code}`);
    expect(response.status).toBe(code);
    expect(await response.json()).toEqual({ error: { code, message: expect.any(String), status } });
  });

  it('fail=429 says when to retry in RetryInfo', async () => {
    const response = await generate(hello, '/scenario/fail=429');
    expect(response.status).toBe(429);
    expect(await errorOf(response)).toEqual({
      code: 429,
      message: expect.any(String),
      status: 'RESOURCE_EXHAUSTED',
      details: [{ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '1s' }],
    });
  });

  it('cut=2 streams two chunks, then drops the connection without a finish reason', async () => {
    const { text, failed } = await readUntilEnd(await streamGenerate(hello, '/scenario/cut=2'));
    expect(failed).toBe(true);
    const chunks = chunksOf(text);
    expect(chunks).toHaveLength(2);
    expect(chunks.every((c) => c.candidates[0].finishReason === undefined)).toBe(true);
  });

  it('no-usage leaves usageMetadata out of every chunk and of a whole answer', async () => {
    const chunks = chunksOf(await (await streamGenerate(hello, '/scenario/no-usage')).text());
    expect(chunks.at(-1)!.candidates[0].finishReason).toBe('STOP');
    expect(chunks.some((c) => 'usageMetadata' in c)).toBe(false);
    expect(await (await generate(hello, '/scenario/no-usage')).json()).not.toHaveProperty('usageMetadata');
  });

  it('malformed cuts the first chunk in half and keeps the CRLF framing', async () => {
    const text = await (await streamGenerate(hello, '/scenario/malformed')).text();
    const events = text.slice(0, -4).split('\r\n\r\n');
    expect(events).toHaveLength(4);
    expect(() => JSON.parse(events[0].slice('data: '.length))).toThrow(SyntaxError);
    expect(() => JSON.parse(events[1].slice('data: '.length))).not.toThrow();
  });

  it('ttft and itl pace the chunks', async () => {
    const started = performance.now();
    const chunks = chunksOf(await (await streamGenerate(hello, '/scenario/ttft=30,itl=20')).text());
    expect(performance.now() - started).toBeGreaterThanOrEqual(30 + 3 * 20 - 5);
    expect(chunks).toHaveLength(4);
  });
});
