import { callGateway, chat, createKey } from '../../libs/testing/keys-api';
import { eventually } from '../../libs/testing/eventually';
import { startTestStack, type TestStack } from '../../libs/testing/test-stack';
import { waitForGeneration } from '../../libs/testing/wait-for-generation';

jest.setTimeout(90_000);

/** The simulator takes one key; the gateway's own keys for it are right, wrong, or missing. */
const RIGHT = 'sk-sim-right-0123456789abcdef';
const CATALOG = `
providers:
  own-only: { name: Own Only, family: openai-compatible, base_url: '{{SIMULATOR}}/v1', api_key_env: SIM_UNSET_KEY }
  wrong-gateway: { name: Wrong Gateway, family: openai-compatible, base_url: '{{SIMULATOR}}/v1', api_key_env: SIM_WRONG_KEY }
  right-gateway: { name: Right Gateway, family: openai-compatible, base_url: '{{SIMULATOR}}/v1', api_key_env: SIM_RIGHT_KEY }
models:
  test/own-only:
    name: Own only
    context_length: 4096
    endpoints: [{ provider: own-only, upstream_model: echo, pricing: { prompt: 1000, completion: 2000 } }]
  test/wrong-gateway:
    name: Wrong gateway
    context_length: 4096
    endpoints: [{ provider: wrong-gateway, upstream_model: echo, pricing: { prompt: 1000, completion: 2000 } }]
  test/right-gateway:
    name: Right gateway
    context_length: 4096
    endpoints: [{ provider: right-gateway, upstream_model: echo, pricing: { prompt: 1000, completion: 2000 } }]
`;

let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack({
    catalog: CATALOG,
    env: { SIMULATOR_API_KEY: RIGHT, SIM_RIGHT_KEY: RIGHT, SIM_WRONG_KEY: 'sk-sim-wrong-gateway-key' },
  });
});

afterAll(async () => {
  await stack?.stop();
});

const ask = (model: string) => ({ model, max_tokens: 10, messages: [{ role: 'user', content: 'Hello' }] });

/** A key with its own credential for `provider`. */
async function keyWithOwnCredential(
  provider: string,
  apiKey: string,
  extra: Record<string, unknown> = {},
  keyFields = {},
) {
  const created = await createKey(stack, { name: `byok-${provider}`, ...keyFields });
  const stored = await callGateway(stack, 'POST', `/keys/${created.data.hash}/byok`, {
    body: { provider, api_key: apiKey, ...extra },
  });
  expect(stored.status).toBe(201);
  // The key view reaches ingress over NATS; the first request may come a moment before it.
  await eventually('the credential in force', async () => {
    const listed = await callGateway(stack, 'GET', `/keys/${created.data.hash}/byok`);
    return listed.body.data.length > 0 ? true : undefined;
  });
  return created;
}

it("serves a provider the gateway has no key for with the key's own credential, billed to it", async () => {
  const { key } = await createKey(stack, { name: 'no-byok' });
  expect((await chat(stack, key, ask('test/own-only'))).status).toBe(503);

  const own = await keyWithOwnCredential('own-only', RIGHT);
  const answer = await eventually('a BYOK answer', async () => {
    const reply = await chat(stack, own.key, ask('test/own-only'));
    return reply.status === 200 ? reply : undefined;
  });
  expect(answer.body.choices[0].message.content).toBe('Echo: Hello');
  expect(answer.body.usage).toMatchObject({ cost: 0, is_byok: true });
  const providerBill = answer.body.usage.cost_details.upstream_inference_cost as number;
  expect(providerBill).toBeGreaterThan(0);
  const record = await waitForGeneration({ ...stack, apiKey: own.key }, answer.body.id);
  expect(record).toMatchObject({
    is_byok: true,
    total_cost: 0,
    usage: 0,
    upstream_inference_cost: providerBill,
  });
  const usage = await eventually('BYOK usage on /key', async () => {
    const data = (await callGateway(stack, 'GET', '/key', { key: own.key })).body.data;
    return data.byok_usage > 0 ? data : undefined;
  });
  expect(usage).toMatchObject({ usage: 0 });
  expect(usage.byok_usage).toBeCloseTo(providerBill, 10);
});

it("uses the key's credential where the gateway's own is refused: the provider saw the key's", async () => {
  const { key } = await createKey(stack, { name: 'gateway-only' });
  expect((await chat(stack, key, ask('test/wrong-gateway'))).status).toBe(502);
  const own = await keyWithOwnCredential('wrong-gateway', RIGHT);
  expect((await chat(stack, own.key, ask('test/wrong-gateway'))).status).toBe(200);
});

it('answers a refused own credential with a 401 naming the provider, and does not fall back unless the key says so', async () => {
  const strict = await keyWithOwnCredential('right-gateway', 'sk-own-but-wrong-000000');
  const refused = await chat(stack, strict.key, ask('test/right-gateway'));
  expect(refused.status).toBe(401);
  expect(refused.body.error).toMatchObject({
    code: 401,
    message: 'Right Gateway rejected your own (BYOK) key (HTTP 401); its answer is in metadata.raw.',
    metadata: { provider_name: 'Right Gateway', is_byok: true },
  });

  const lenient = await keyWithOwnCredential('right-gateway', 'sk-own-but-wrong-000000', {
    always_use: false,
  });
  const fellBack = await chat(stack, lenient.key, ask('test/right-gateway'));
  expect(fellBack.status).toBe(200);
  expect(fellBack.body.usage.is_byok).toBeUndefined();
  expect(fellBack.body.usage.cost).toBeGreaterThan(0);
});

it('leaves BYOK spend out of the limit unless the key counts it in', async () => {
  const uncounted = await keyWithOwnCredential('own-only', RIGHT, {}, { limit: 0.000001 });
  expect((await chat(stack, uncounted.key, ask('test/own-only'))).status).toBe(200);
  const counted = await keyWithOwnCredential(
    'own-only',
    RIGHT,
    {},
    { limit: 0.000001, include_byok_in_limit: true },
  );
  expect((await chat(stack, counted.key, ask('test/own-only'))).status).toBe(402);
});

it('never shows or records the credential: masked in the API, absent from records and logs', async () => {
  const secret = 'sk-own-secret-visible-nowhere-42';
  const own = await keyWithOwnCredential('right-gateway', secret);
  const listed = await callGateway(stack, 'GET', `/keys/${own.data.hash}/byok`);
  expect(listed.body.data).toEqual([
    {
      provider: 'right-gateway',
      label: 'sk-...e-42',
      always_use: true,
      created_at: expect.any(String),
      updated_at: null,
    },
  ]);
  const refused = await chat(stack, own.key, ask('test/right-gateway'));
  expect(refused.status).toBe(401);
  const id = refused.headers.get('x-generation-id')!;
  const record = await waitForGeneration({ ...stack, apiKey: own.key }, id);
  for (const text of [
    JSON.stringify(listed.body),
    JSON.stringify(refused.body),
    JSON.stringify(record),
    stack.logs(),
  ]) {
    expect(text).not.toContain(secret);
  }
  expect(stack.logs()).not.toContain(RIGHT);
});
