import OpenAI from 'openai';
import { startTestStack, type TestStack } from '../../libs/testing/test-stack';
import { waitForGeneration } from '../../libs/testing/wait-for-generation';

jest.setTimeout(60_000);

/**
 * The ways a provider fails before its first byte — it stalls, it refuses the connection, no worker
 * serves it — each become a recorded attempt and a fallback, and the client gets its answer.
 */
const CATALOG = `
providers:
  stalled: { name: Stalled, family: openai-compatible, base_url: '{{SIMULATOR}}/scenario/stall/v1' }
  refused: { name: Refused, family: openai-compatible, base_url: 'http://127.0.0.1:9/v1' }
  unserved: { name: Unserved, family: gemini, base_url: '{{SIMULATOR}}/v1beta' }
  good: { name: Good, family: openai-compatible, base_url: '{{SIMULATOR}}/v1' }
  garbled: { name: Garbled, family: openai-compatible, base_url: '{{SIMULATOR}}/scenario/malformed/v1' }
  stalls: { name: Stalls, family: openai-compatible, base_url: '{{SIMULATOR}}/scenario/stall-after=2/v1' }
models:
  test/resilient:
    name: Resilient
    context_length: 4096
    endpoints:
      - { provider: stalled, upstream_model: echo, pricing: { prompt: 1, completion: 1 } }
      - { provider: refused, upstream_model: echo, pricing: { prompt: 1, completion: 1 } }
      - { provider: unserved, upstream_model: echo, pricing: { prompt: 1, completion: 1 } }
      - { provider: good, upstream_model: echo, pricing: { prompt: 1, completion: 1 } }
      - { provider: garbled, upstream_model: echo, pricing: { prompt: 1, completion: 1 } }
      - { provider: stalls, upstream_model: echo, pricing: { prompt: 1, completion: 1 } }
`;

let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack({
    catalog: CATALOG,
    // No Gemini worker runs, so the `unserved` provider has no responders.
    without: ['worker-gemini'],
    env: { SWITCHYARD_FIRST_TOKEN_TIMEOUT_MS: '500', SWITCHYARD_STREAM_IDLE_TIMEOUT_MS: '500' },
  });
});

afterAll(async () => {
  await stack?.stop();
});

it('falls back past a stall, a refused connection and a provider no worker serves', async () => {
  const client = new OpenAI({ baseURL: stack.baseUrl, apiKey: stack.apiKey, maxRetries: 0 });
  const started = Date.now();
  const completion = await client.chat.completions.create({
    model: 'test/resilient',
    provider: { order: ['stalled', 'refused', 'unserved', 'good'] },
    stream: true,
    messages: [{ role: 'user', content: 'still answered' }],
  } as OpenAI.ChatCompletionCreateParamsStreaming);
  let text = '';
  let id = '';
  for await (const chunk of completion) {
    id = chunk.id;
    text += chunk.choices[0]?.delta?.content ?? '';
  }
  expect(text).toBe('Echo: still answered');
  expect(Date.now() - started).toBeGreaterThanOrEqual(500);
  const record = await waitForGeneration(stack, id);
  expect(
    (record.provider_responses as { provider_name: string; status: number }[]).map((r) => [
      r.provider_name,
      r.status,
    ]),
  ).toEqual([
    ['Stalled', 408],
    ['Refused', 502],
    ['Unserved', 503],
    ['Good', 200],
  ]);
  expect(record.provider_name).toBe('Good');
});

it('learns at once that no worker serves the first choice', async () => {
  const client = new OpenAI({ baseURL: stack.baseUrl, apiKey: stack.apiKey, maxRetries: 0 });
  const completion = await client.chat.completions.create({
    model: 'test/resilient',
    provider: { order: ['unserved', 'good'] },
    messages: [{ role: 'user', content: 'no waiting' }],
  } as OpenAI.ChatCompletionCreateParamsNonStreaming);
  expect(completion.choices[0].message.content).toBe('Echo: no waiting');
  const record = await waitForGeneration(stack, completion.id);
  // 503 (no responders), not 408: the first-token timeout never ran out.
  expect(
    (record.provider_responses as { provider_name: string; status: number }[]).map((r) => [
      r.provider_name,
      r.status,
    ]),
  ).toEqual([
    ['Unserved', 503],
    ['Good', 200],
  ]);
});

it.each([true, false])(
  'falls back past a provider whose answer cannot be read (streamed: %s), before anything reached the client',
  async (stream) => {
    const response = await fetch(`${stack.baseUrl}/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${stack.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        model: 'test/resilient',
        stream,
        provider: { order: ['garbled', 'good'] },
        messages: [{ role: 'user', content: 'read me' }],
      }),
    });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain(stream ? '"content":"me"' : 'Echo: read me');
    const record = await waitForGeneration(stack, response.headers.get('x-generation-id')!);
    expect(
      (record.provider_responses as { provider_name: string; status: number }[]).map((r) => [
        r.provider_name,
        r.status,
      ]),
    ).toEqual([
      ['Garbled', 502],
      ['Good', 200],
    ]);
  },
);

it('ends a stream that stalls after its first tokens with a 408 error chunk that names no internals', async () => {
  const response = await fetch(`${stack.baseUrl}/chat/completions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${stack.apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      model: 'test/resilient',
      stream: true,
      provider: { order: ['stalls'], allow_fallbacks: false },
      messages: [{ role: 'user', content: 'one two three four five' }],
    }),
  });
  const events = (await response.text()).split('\n').filter((line) => line.startsWith('data: {'));
  const last = JSON.parse(events.at(-1)!.slice(6)) as {
    error: { code: number; message: string };
    choices: { finish_reason: string }[];
  };
  expect(last.choices[0].finish_reason).toBe('error');
  expect(last.error.code).toBe(408);
  expect(last.error.message).toBe('Stalls stopped sending for 500 ms in the middle of its answer.');
  expect(last.error.message).not.toMatch(/router|\.route|stream on/);
});
