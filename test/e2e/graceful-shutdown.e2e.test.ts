import OpenAI from 'openai';
import { startTestStack, type TestStack } from '../../libs/testing/test-stack';
import { waitForGeneration } from '../../libs/testing/wait-for-generation';

jest.setTimeout(60_000);

/**
 * A worker told to stop (SIGTERM, as Kubernetes does on a rollout) takes no new jobs but finishes
 * the answers it is streaming: a deploy costs no client its answer, and the record is kept.
 */
const CATALOG = `
providers:
  slow: { name: Slow, family: openai-compatible, base_url: '{{SIMULATOR}}/scenario/itl=150/v1' }
models:
  test/slow:
    name: Slow
    context_length: 4096
    endpoints:
      - { provider: slow, upstream_model: echo, pricing: { prompt: 1, completion: 1 } }
`;

let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack({ catalog: CATALOG, without: ['worker-gemini', 'worker-anthropic'] });
});

afterAll(async () => {
  await stack?.stop();
});

it('finishes a stream in flight when its worker is stopped, then takes no new jobs', async () => {
  const client = new OpenAI({ baseURL: stack.baseUrl, apiKey: stack.apiKey, maxRetries: 0 });
  const stream = await client.chat.completions.create({
    model: 'test/slow',
    stream: true,
    messages: [{ role: 'user', content: 'one two three four five six' }],
  });
  let text = '';
  let id = '';
  let stopped: Promise<void> | undefined;
  for await (const chunk of stream) {
    id = chunk.id;
    text += chunk.choices[0]?.delta?.content ?? '';
    // The first token is in: stop the worker while the rest is still to come.
    stopped ??= stack.stopService('worker-openai-compatible');
  }
  await stopped;
  expect(text).toBe('Echo: one two three four five six');
  const record = await waitForGeneration(stack, id);
  expect(record.finish_reason).toBe('stop');

  // With no worker left, a new request is refused at once, naming the provider.
  await expect(
    client.chat.completions.create({ model: 'test/slow', messages: [{ role: 'user', content: 'hello' }] }),
  ).rejects.toMatchObject({ status: 503, message: expect.stringContaining('Slow') });
});
