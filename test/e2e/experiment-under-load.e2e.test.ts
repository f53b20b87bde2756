import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import OpenAI from 'openai';
import { startTestStack, type TestStack } from '../../libs/testing/test-stack';

jest.setTimeout(90_000);

/**
 * The product's two promises under load: an A/B experiment reports both arms with their numbers,
 * and a provider that goes down mid-load is absorbed by fallbacks, with no client error.
 */
const catalog = (primaryScenario: string) => `
providers:
  primary: { name: Primary, family: openai-compatible, base_url: '{{SIMULATOR}}/scenario/${primaryScenario}/v1' }
  backup: { name: Backup, family: openai-compatible, base_url: '{{SIMULATOR}}/scenario/ttft=1/v1' }
  slow: { name: Slow, family: openai-compatible, base_url: '{{SIMULATOR}}/scenario/ttft=60/v1' }
models:
  test/served:
    name: Served twice
    context_length: 4096
    endpoints:
      - { provider: primary, upstream_model: echo, pricing: { prompt: 1, completion: 1 } }
      - { provider: backup, upstream_model: echo, pricing: { prompt: 2, completion: 2 } }
  test/slow:
    name: Slow arm
    context_length: 4096
    endpoints: [{ provider: slow, upstream_model: echo, pricing: { prompt: 4, completion: 4 } }]
presets:
  arms:
    variants:
      - { name: fast, weight: 1, model: test/served }
      - { name: slow, weight: 1, model: test/slow }
`;

let stack: TestStack;
let client: OpenAI;

beforeAll(async () => {
  stack = await startTestStack({ catalog: catalog('ttft=1') });
  client = new OpenAI({ baseURL: stack.baseUrl, apiKey: stack.apiKey, maxRetries: 0 });
});

afterAll(async () => {
  await stack?.stop();
});

async function pushCatalog(text: string): Promise<void> {
  const file = join(tmpdir(), `catalog-${stack.namespace}-${Date.now()}.yaml`);
  writeFileSync(file, text.replaceAll('{{SIMULATOR}}', stack.simulatorUrl));
  const env = { ...process.env, NODE_OPTIONS: '', SWITCHYARD_NAMESPACE: stack.namespace };
  await promisify(execFile)(process.execPath, ['dist/scripts/catalog-push.js', file], { env });
}

/** `total` requests, `concurrency` at a time; every one must succeed. */
async function load(
  total: number,
  concurrency: number,
  request: (i: number) => Promise<unknown>,
): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) await request(next++);
    }),
  );
}

it('absorbs a provider outage mid-load with fallbacks: no client error', async () => {
  const served: string[] = [];
  const deadline = Date.now() + 30_000;
  let pushed: Promise<void> | undefined;
  // Steady load until the outage has been absorbed for a while: the primary goes down after 40 answers.
  const absorbed = () => served.length > 40 && served.slice(-30).every((provider) => provider === 'Backup');
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (!absorbed() && Date.now() < deadline) {
        if (served.length >= 40) pushed ??= pushCatalog(catalog('fail=503'));
        const i = served.length;
        const completion = await client.chat.completions.create({
          model: 'test/served',
          provider: { sort: 'price' },
          messages: [{ role: 'user', content: `request ${i}` }],
        } as OpenAI.ChatCompletionCreateParamsNonStreaming);
        expect(completion.choices[0].message.content).toBe(`Echo: request ${i}`);
        served.push((completion as unknown as { provider: string }).provider);
      }
    }),
  );
  await pushed;
  expect(served.slice(0, 40).every((provider) => provider === 'Primary')).toBe(true);
  expect(absorbed()).toBe(true);
});

it('reports both arms of an experiment with their numbers', async () => {
  await load(40, 4, (i) =>
    client.chat.completions.create({
      model: '@preset/arms',
      user: `user-${i}`,
      messages: [{ role: 'user', content: 'which arm?' }],
    }),
  );
  const headers = { authorization: `Bearer ${stack.apiKey}` };
  let variants: { variant: string; requests: number; latency_p50_ms: number; total_cost: number }[] = [];
  for (let tries = 0; tries < 50; tries++) {
    const report = await (await fetch(`${stack.baseUrl}/presets/arms/report?window=1h`, { headers })).json();
    variants = (report as { data: { variants: typeof variants } }).data.variants;
    if (variants.reduce((sum, v) => sum + v.requests, 0) === 40) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  expect(variants.map((v) => v.variant)).toEqual(['fast', 'slow']);
  expect(variants.reduce((sum, v) => sum + v.requests, 0)).toBe(40);
  expect(variants.every((v) => v.requests > 0 && v.total_cost > 0)).toBe(true);
  const [fast, slow] = variants;
  expect(slow.latency_p50_ms).toBeGreaterThanOrEqual(60);
  expect(slow.latency_p50_ms).toBeGreaterThan(fast.latency_p50_ms);
});
