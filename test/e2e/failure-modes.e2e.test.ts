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
models:
  test/resilient:
    name: Resilient
    context_length: 4096
    endpoints:
      - { provider: stalled, upstream_model: echo, pricing: { prompt: 1, completion: 1 } }
      - { provider: refused, upstream_model: echo, pricing: { prompt: 1, completion: 1 } }
      - { provider: unserved, upstream_model: echo, pricing: { prompt: 1, completion: 1 } }
      - { provider: good, upstream_model: echo, pricing: { prompt: 1, completion: 1 } }
`;

let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack({
    catalog: CATALOG,
    // No Gemini worker runs, so the `unserved` provider has no responders.
    without: ['worker-gemini'],
    env: { SWITCHYARD_FIRST_TOKEN_TIMEOUT_MS: '500' },
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

it('learns at once that no worker serves the first choice, though the router forwarded the job', async () => {
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
