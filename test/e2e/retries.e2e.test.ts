import OpenAI from 'openai';
import { startTestStack, type TestStack } from '../../libs/testing/test-stack';
import { waitForGeneration } from '../../libs/testing/wait-for-generation';

jest.setTimeout(60_000);

/** Every second request to this provider gets a 429 with `retry-after: 1`, as a rate-limited provider would. */
const CATALOG = `
providers:
  limited: { name: Limited, family: openai-compatible, base_url: '{{SIMULATOR}}/scenario/fail=429,fail-every=2/v1' }
models:
  test/limited:
    name: Limited
    context_length: 4096
    endpoints: [{ provider: limited, upstream_model: echo, pricing: { prompt: 1, completion: 1 } }]
`;

let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack({ catalog: CATALOG });
});

afterAll(async () => {
  await stack?.stop();
});

it('retries a rate-limited provider after the Retry-After it asked for, before answering the client', async () => {
  const client = new OpenAI({ baseURL: stack.baseUrl, apiKey: stack.apiKey, maxRetries: 0 });
  const ask = () =>
    client.chat.completions.create({ model: 'test/limited', messages: [{ role: 'user', content: 'hi' }] });
  await ask();

  const started = Date.now();
  const completion = await ask();
  expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
  expect(completion.choices[0].message.content).toBe('Echo: hi');
  const record = await waitForGeneration(stack, completion.id);
  expect((record.provider_responses as { status: number }[]).map((r) => r.status)).toEqual([429, 200]);
});
