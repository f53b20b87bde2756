import OpenAI from 'openai';
import { startTestStack, type TestStack } from '../../libs/testing/test-stack';
import { waitForGeneration } from '../../libs/testing/wait-for-generation';

jest.setTimeout(90_000);

/**
 * Providers that send no usage (`no-usage`: no usage chunk, no Anthropic `usage`, no Gemini
 * `usageMetadata`), in each worker family: the gateway counts the tokens itself, charges them and
 * says so, in the answer's usage and in the generation record. $0.001 a prompt token, $0.002 a
 * completion token.
 */
const CATALOG = `
providers:
  sim: { name: Sim, family: openai-compatible, base_url: '{{SIMULATOR}}/v1' }
  sim-openai: { name: Sim OpenAI, family: openai-compatible, base_url: '{{SIMULATOR}}/scenario/no-usage/v1' }
  sim-anthropic: { name: Sim Anthropic, family: anthropic, base_url: '{{SIMULATOR}}/scenario/no-usage/v1' }
  sim-gemini: { name: Sim Gemini, family: gemini, base_url: '{{SIMULATOR}}/scenario/no-usage/v1beta' }
models:
  test/counted:
    name: Counted by its provider
    context_length: 8192
    endpoints: [{ provider: sim, upstream_model: echo, pricing: { prompt: 1000, completion: 2000 } }]
  test/openai:
    name: OpenAI family, no usage
    context_length: 8192
    endpoints: [{ provider: sim-openai, upstream_model: echo, pricing: { prompt: 1000, completion: 2000 } }]
  test/anthropic:
    name: Anthropic family, no usage
    context_length: 8192
    endpoints: [{ provider: sim-anthropic, upstream_model: echo, pricing: { prompt: 1000, completion: 2000 } }]
  test/gemini:
    name: Gemini family, no usage
    context_length: 8192
    endpoints: [{ provider: sim-gemini, upstream_model: echo, pricing: { prompt: 1000, completion: 2000 } }]
`;

const MESSAGES: OpenAI.ChatCompletionMessageParam[] = [{ role: 'user', content: 'Hello there' }];
/**
 * In o200k_base: "Hello there" is 2 tokens and its message 3 more; the answer, "Echo: Hello there",
 * is 4. The simulator's own count (words, and one per message) would have been 3 and 3.
 */
const ESTIMATE = { prompt: 5, completion: 4, cost: 5 * 0.001 + 4 * 0.002 };

let stack: TestStack;
let client: OpenAI;

beforeAll(async () => {
  stack = await startTestStack({ catalog: CATALOG });
  client = new OpenAI({ baseURL: stack.baseUrl, apiKey: stack.apiKey, maxRetries: 0 });
});

afterAll(async () => {
  await stack?.stop();
});

/** The text and last chunk's usage of a streamed answer, and its generation id. */
async function streamed(model: string) {
  const stream = await client.chat.completions.create({
    model,
    messages: MESSAGES,
    stream: true,
    stream_options: { include_usage: true },
  });
  let id = '';
  let text = '';
  let usage: Record<string, unknown> | undefined;
  for await (const chunk of stream) {
    id = chunk.id;
    text += chunk.choices[0]?.delta.content ?? '';
    usage = (chunk.usage as Record<string, unknown> | null | undefined) ?? usage;
  }
  return { id, text, usage };
}

describe.each(['test/openai', 'test/anthropic', 'test/gemini'])('%s, streamed without usage', (model) => {
  it('counts, charges and records the usage as the gateway’s estimate', async () => {
    const { id, text, usage } = await streamed(model);
    expect(text).toBe('Echo: Hello there');
    expect(usage).toMatchObject({
      prompt_tokens: ESTIMATE.prompt,
      completion_tokens: ESTIMATE.completion,
      total_tokens: ESTIMATE.prompt + ESTIMATE.completion,
      cost: expect.closeTo(ESTIMATE.cost, 10),
      usage_estimated: true,
    });
    expect(await waitForGeneration(stack, id)).toMatchObject({
      tokens_prompt: ESTIMATE.prompt,
      tokens_completion: ESTIMATE.completion,
      total_cost: expect.closeTo(ESTIMATE.cost, 10),
      usage_estimated: true,
      finish_reason: 'stop',
    });
  });
});

it('counts a whole answer without usage too', async () => {
  const completion = await client.chat.completions.create({ model: 'test/openai', messages: MESSAGES });
  expect(completion.usage).toMatchObject({
    prompt_tokens: ESTIMATE.prompt,
    completion_tokens: ESTIMATE.completion,
    usage_estimated: true,
  });
  expect(await waitForGeneration(stack, completion.id)).toMatchObject({
    tokens_completion: ESTIMATE.completion,
    total_cost: expect.closeTo(ESTIMATE.cost, 10),
    usage_estimated: true,
  });
});

it('keeps the provider’s own count when it sends one, and says it is not an estimate', async () => {
  const { id, usage } = await streamed('test/counted');
  expect(usage).toMatchObject({ prompt_tokens: 3, completion_tokens: 3 });
  expect(usage).not.toHaveProperty('usage_estimated');
  expect(await waitForGeneration(stack, id)).toMatchObject({ tokens_completion: 3, usage_estimated: false });
});
