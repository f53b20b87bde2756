import Anthropic from '@anthropic-ai/sdk';
import { callGateway, chat, createKey } from '../../libs/testing/keys-api';
import { eventually } from '../../libs/testing/eventually';
import { startTestStack, type TestStack } from '../../libs/testing/test-stack';
import { waitForGeneration } from '../../libs/testing/wait-for-generation';

jest.setTimeout(120_000);

/** $0.001 a prompt token, $0.002 a completion token: a few requests make a visible dollar amount. */
const CATALOG = `
providers:
  sim: { name: Simulator, family: openai-compatible, base_url: '{{SIMULATOR}}/v1' }
  sim-empty: { name: Empty Simulator, family: openai-compatible, base_url: '{{SIMULATOR}}/scenario/empty/v1' }
models:
  test/priced:
    name: Priced
    context_length: 4096
    endpoints:
      - { provider: sim, upstream_model: echo, pricing: { prompt: 1000, completion: 2000 } }
  test/empty:
    name: Empty
    context_length: 4096
    endpoints:
      - { provider: sim-empty, upstream_model: echo, pricing: { prompt: 1000, completion: 2000 } }
`;

/**
 * "Hello" with max_tokens 10: the worst case reserved is 13 prompt tokens (5 bytes and 8 per
 * message) and 10 completion tokens, $0.033; the answer ("Echo: Hello") costs $0.006.
 */
const HELLO = { model: 'test/priced', max_tokens: 10, messages: [{ role: 'user', content: 'Hello' }] };
const LIMIT = 0.1;

let stack: TestStack;
let replicaUrl: string;

beforeAll(async () => {
  stack = await startTestStack({ catalog: CATALOG });
  replicaUrl = await stack.startIngressReplica();
});

afterAll(async () => {
  await stack?.stop();
});

/** Fires `count` requests at once (alternating between `baseUrls`) and sums what the served ones cost. */
async function burst(key: string, count: number, baseUrls: string[]) {
  const answers = await Promise.all(
    Array.from({ length: count }, (_, i) => chat(stack, key, HELLO, baseUrls[i % baseUrls.length])),
  );
  const served = answers.filter((a) => a.status === 200);
  const cost = served.reduce((sum, a) => sum + (a.body.usage.cost as number), 0);
  return { answers, served, cost };
}

/** The key's usage as /key reports it, once every served request has been recorded. */
async function recordedUsage(key: string, served: { body: { id: string } }[]): Promise<number> {
  for (const answer of served) await waitForGeneration({ ...stack, apiKey: key }, answer.body.id);
  return (await callGateway(stack, 'GET', '/key', { key })).body.data.usage;
}

describe.each([
  ['one ingress', () => [stack.baseUrl]],
  ['two ingress replicas', () => [stack.baseUrl, replicaUrl]],
])('a limit that covers a handful of requests, 200 at once through %s', (_case, baseUrls) => {
  it('serves no more than the limit covers and refuses the rest with a 402', async () => {
    const { key } = await createKey(stack, { name: `burst-${baseUrls().length}`, limit: LIMIT });
    const { answers, served, cost } = await burst(key, 200, baseUrls());
    expect(served.length).toBeGreaterThanOrEqual(3);
    expect(cost).toBeLessThanOrEqual(LIMIT);
    const refused = answers.filter((a) => a.status !== 200);
    expect(new Set(refused.map((a) => a.status))).toEqual(new Set([402]));
    expect(refused[0]!.body.error.message).toMatch(
      /^This request requires more credits, or fewer max_tokens\. You requested up to 10 tokens, but can only afford \d+\./,
    );
    const usage = await recordedUsage(key, served);
    expect(usage).toBeCloseTo(cost, 10);
    expect(usage).toBeLessThanOrEqual(LIMIT);
  });
});

it('answers 402 for a request that could never fit, and 403 "Key limit exceeded" once the limit is spent', async () => {
  const { key, data } = await createKey(stack, { name: 'spent', limit: 0.04, limit_reset: 'daily' });
  const tooBig = await chat(stack, key, { ...HELLO, max_tokens: 100 });
  expect(tooBig.status).toBe(402);
  expect(tooBig.body.error.message).toContain('You requested up to 100 tokens, but can only afford 13.');
  const served = await chat(stack, key, HELLO);
  expect(served.status).toBe(200);
  // Lowered below what the key has spent today: nothing more is admitted, whatever it asks for.
  await callGateway(stack, 'PATCH', `/keys/${data.hash}`, { body: { limit: 0.001 } });
  const exhausted = await eventually('the lowered limit', async () => {
    const answer = await chat(stack, key, { ...HELLO, max_tokens: 1 });
    return answer.status === 403 ? answer : undefined;
  });
  expect(exhausted.body).toEqual({
    error: {
      code: 403,
      message: `Key limit exceeded (daily limit). Manage it using PATCH /api/v1/keys/${data.hash}`,
    },
  });
});

it('caps Anthropic Messages requests the same way, answered in Anthropic’s error shape', async () => {
  const { key } = await createKey(stack, { name: 'messages', limit: 0.01 });
  const anthropic = new Anthropic({
    baseURL: new URL(stack.baseUrl).origin + '/api',
    apiKey: key,
    maxRetries: 0,
  });
  const error = await anthropic.messages
    .create({ model: 'test/priced', max_tokens: 100, messages: [{ role: 'user', content: 'Hello' }] })
    .then(() => undefined)
    .catch((e: unknown) => e);
  expect(error).toBeInstanceOf(Anthropic.APIError);
  expect((error as InstanceType<typeof Anthropic.APIError>).status).toBe(402);
  expect((error as InstanceType<typeof Anthropic.APIError>).error).toMatchObject({
    type: 'error',
    error: { type: 'billing_error', message: expect.stringContaining('requires more credits') },
  });
});

it('charges nothing for an empty answer without a finish reason (zero-completion insurance)', async () => {
  const { key } = await createKey(stack, { name: 'insured', limit: 1 });
  const answer = await chat(stack, key, { ...HELLO, model: 'test/empty' });
  expect(answer.status).toBe(200);
  expect(answer.body.usage.completion_tokens).toBe(0);
  const record = await waitForGeneration({ ...stack, apiKey: key }, answer.body.id);
  expect(record).toMatchObject({ tokens_completion: 0, total_cost: 0, usage: 0 });
  expect(record.tokens_prompt).toBeGreaterThan(0);
  const priced = await chat(stack, key, HELLO);
  await waitForGeneration({ ...stack, apiKey: key }, priced.body.id);
  const usage = await eventually('the priced answer on /key', async () => {
    const data = (await callGateway(stack, 'GET', '/key', { key })).body.data;
    return data.usage > 0 ? data.usage : undefined;
  });
  expect(usage).toBeCloseTo(priced.body.usage.cost, 10);
});
