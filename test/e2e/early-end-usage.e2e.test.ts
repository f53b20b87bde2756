import { startTestStack, type TestStack } from '../../libs/testing/test-stack';
import { waitForGeneration } from '../../libs/testing/wait-for-generation';

jest.setTimeout(60_000);

/**
 * A stream that ends early after content reached the client — the provider cuts it, stalls, or the
 * client goes away — is recorded and charged for what was delivered (counted by the gateway, and
 * flagged so), never as 0 tokens and $0. A stream that delivered nothing stays free. Prices are per
 * million tokens: $0.001 a prompt token, $0.002 a completion token.
 */
const CATALOG = `
providers:
  cuts: { name: Cuts, family: openai-compatible, base_url: '{{SIMULATOR}}/scenario/cut=4/v1' }
  stalls: { name: Stalls, family: openai-compatible, base_url: '{{SIMULATOR}}/scenario/stall-after=4/v1' }
  slow: { name: Slow, family: openai-compatible, base_url: '{{SIMULATOR}}/scenario/itl=200/v1' }
  cuts-at-once: { name: Cuts at once, family: openai-compatible, base_url: '{{SIMULATOR}}/scenario/cut=0/v1' }
models:
  test/cut:
    name: Cut
    context_length: 4096
    endpoints: [{ provider: cuts, upstream_model: echo, pricing: { prompt: 1000, completion: 2000 } }]
  test/stall:
    name: Stall
    context_length: 4096
    endpoints: [{ provider: stalls, upstream_model: echo, pricing: { prompt: 1000, completion: 2000 } }]
  test/slow:
    name: Slow
    context_length: 4096
    endpoints: [{ provider: slow, upstream_model: echo, pricing: { prompt: 1000, completion: 2000 } }]
  test/nothing:
    name: Nothing
    context_length: 4096
    endpoints: [{ provider: cuts-at-once, upstream_model: echo, pricing: { prompt: 1000, completion: 2000 } }]
`;

let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack({
    catalog: CATALOG,
    without: ['worker-gemini', 'worker-anthropic'],
    env: { SWITCHYARD_STREAM_IDLE_TIMEOUT_MS: '500' },
  });
});

afterAll(async () => {
  await stack?.stop();
});

const CONTENT = 'one two three four five six seven eight nine ten';

function post(model: string, signal?: AbortSignal): Promise<Response> {
  return fetch(`${stack.baseUrl}/chat/completions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${stack.apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ model, stream: true, messages: [{ role: 'user', content: CONTENT }] }),
    signal,
  });
}

interface UsageRecord {
  tokens_prompt: number;
  tokens_completion: number;
  total_cost: number;
  usage_estimated: boolean;
  finish_reason: string | null;
}

it.each([
  ['cut by the provider', 'test/cut'],
  ['stalled until the idle timeout', 'test/stall'],
])('charges a stream %s for what it delivered', async (_case, model) => {
  const response = await post(model);
  const body = await response.text();
  expect(body).toContain('"content":"Echo: "');
  expect(body).toContain('"finish_reason":"error"');
  const record = (await waitForGeneration(
    stack,
    response.headers.get('x-generation-id')!,
  )) as unknown as UsageRecord;
  expect(record.finish_reason).toBe('error');
  expect(record.usage_estimated).toBe(true);
  expect(record.tokens_prompt).toBeGreaterThan(0);
  expect(record.tokens_completion).toBeGreaterThan(0);
  // Fewer tokens than the whole answer would have had (the echo of ten words and "Echo:").
  expect(record.tokens_completion).toBeLessThan(11);
  expect(record.total_cost).toBeCloseTo(record.tokens_prompt * 0.001 + record.tokens_completion * 0.002, 9);
});

it('charges a stream the client left after its first tokens for what reached it', async () => {
  const controller = new AbortController();
  const response = await post('test/slow', controller.signal);
  const reader = response.body!.getReader();
  let seen = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    seen += new TextDecoder().decode(value);
    if (seen.includes('"content":"two "')) break;
  }
  expect(seen).toContain('"content":"two "');
  controller.abort();
  const record = (await waitForGeneration(
    stack,
    response.headers.get('x-generation-id')!,
  )) as unknown as UsageRecord & {
    cancelled: boolean;
  };
  expect(record.cancelled).toBe(true);
  expect(record.usage_estimated).toBe(true);
  expect(record.tokens_completion).toBeGreaterThan(0);
  expect(record.tokens_completion).toBeLessThan(11);
  expect(record.total_cost).toBeGreaterThan(0);
});

it('charges nothing for a stream that delivered nothing', async () => {
  const response = await post('test/nothing');
  await response.text();
  const record = (await waitForGeneration(
    stack,
    response.headers.get('x-generation-id')!,
  )) as unknown as UsageRecord;
  expect(record).toMatchObject({ finish_reason: 'error', tokens_completion: 0, total_cost: 0 });
});
