import { randomUUID } from 'node:crypto';
import { hashApiKey } from '../../libs/accounts';
import type { GenerationEvent } from '../../libs/contracts';
import { Bus, EventPublisher } from '../../libs/messaging';
import { startTestStack, type TestStack } from '../../libs/testing/test-stack';
import { TEST_CATALOG } from './test-catalog';

jest.setTimeout(90_000);

const NATS_URL = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';

let stack: TestStack;
let bus: Bus;

/** The presets the report is asked about; a report names a preset of the catalog. */
const CATALOG = `${TEST_CATALOG}
presets:
  checkout-bot:
    variants:
      - { name: fast, weight: 1, model: test/echo }
      - { name: smart, weight: 1, model: test/echo }
  no-traffic-yet:
    variants:
      - { name: only, weight: 1, model: test/echo }
`;

beforeAll(async () => {
  stack = await startTestStack({ catalog: CATALOG });
  bus = await Bus.connect({ url: NATS_URL, namespace: stack.namespace, name: 'preset-report-e2e' });
});

afterAll(async () => {
  await bus?.drain();
  await stack?.stop();
});

/** An event as ingress publishes it for a request routed through `@preset/<preset>`. */
function presetEvent(preset: string, variant: string, overrides: Partial<GenerationEvent>): GenerationEvent {
  return {
    id: `gen-${randomUUID()}`,
    createdAt: new Date(Date.now() - 60_000).toISOString(),
    model: 'test/echo',
    providerId: 'sim',
    providerName: 'Simulator',
    upstreamModel: 'echo',
    upstreamId: null,
    streamed: false,
    cancelled: false,
    status: 'success',
    errorCode: null,
    errorMessage: null,
    finishReason: 'stop',
    nativeFinishReason: 'stop',
    tokensPrompt: 10,
    tokensCompletion: 20,
    tokensReasoning: 0,
    tokensCached: 0,
    usageEstimated: false,
    gatewayOverheadMs: 0.8,
    totalCost: 0.00005,
    isByok: false,
    upstreamInferenceCost: null,
    latencyMs: 100,
    generationTimeMs: 1000,
    attempts: [],
    // The test's key reads the report, and a key sees only its own generations.
    apiKeyId: hashApiKey(stack.apiKey),
    user: null,
    sessionId: null,
    appReferer: null,
    appTitle: null,
    droppedParameters: [],
    preset,
    variant,
    ...overrides,
  };
}

const getReport = (path: string, apiKey = stack.apiKey) =>
  fetch(`${stack.baseUrl}/${path}`, { headers: { authorization: `Bearer ${apiKey}` } });

interface ReportBody {
  data: { preset: string; window: string; variants: Array<{ variant: string; requests: number }> };
}

/** Polls until metrics has stored `expectedRequests` generations of the preset. */
async function waitForReport(path: string, expectedRequests: number): Promise<ReportBody> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const response = await getReport(path);
    const body = (await response.json()) as ReportBody;
    const stored = body.data?.variants.reduce((sum, arm) => sum + arm.requests, 0);
    if (stored === expectedRequests) return body;
    if (Date.now() > deadline) throw new Error(`report stayed at ${JSON.stringify(body)}\n${stack.logs()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

it('compares the two arms of a preset from the generation events', async () => {
  const events = [
    presetEvent('checkout-bot', 'fast', { latencyMs: 80, generationTimeMs: 400 }),
    presetEvent('checkout-bot', 'fast', { latencyMs: 120, generationTimeMs: 600 }),
    presetEvent('checkout-bot', 'smart', { latencyMs: 300, generationTimeMs: 3000, totalCost: 0.0005 }),
    presetEvent('checkout-bot', 'smart', {
      status: 'error',
      errorCode: 502,
      errorMessage: 'All providers failed',
      finishReason: 'error',
      latencyMs: null,
      generationTimeMs: 200,
      tokensPrompt: 0,
      tokensCompletion: 0,
      totalCost: 0,
    }),
  ];
  const publisher = new EventPublisher(bus.nc);
  for (const event of events) publisher.publish(bus.subjects.generationEvent, event);
  await publisher.flush();

  const body = await waitForReport('presets/checkout-bot/report?window=1h', events.length);

  expect(body).toEqual({
    data: {
      preset: 'checkout-bot',
      window: '1h',
      variants: [
        {
          variant: 'fast',
          requests: 2,
          errors: 0,
          error_rate: 0,
          latency_p50_ms: 100,
          latency_p95_ms: 118,
          ttft_p50_ms: 100,
          generation_time_p50_ms: 500,
          total_cost: 0.0001,
          cost_per_request: 0.00005,
          tokens_prompt: 20,
          tokens_completion: 40,
        },
        {
          variant: 'smart',
          requests: 2,
          errors: 1,
          error_rate: 0.5,
          latency_p50_ms: 300,
          latency_p95_ms: 300,
          ttft_p50_ms: 300,
          generation_time_p50_ms: 1600,
          total_cost: 0.0005,
          cost_per_request: 0.00025,
          tokens_prompt: 10,
          tokens_completion: 20,
        },
      ],
      // Two requests an arm are too few for a verdict; the report says so, metric by metric.
      comparisons: expect.arrayContaining([
        expect.objectContaining({
          metric: 'ttft_p50_ms',
          baseline: 'fast',
          variant: 'smart',
          verdict: expect.stringContaining('not enough data yet'),
        }),
      ]),
      comparison_sample: { max_rows_per_arm: 10000, limited_arms: [] },
    },
  });
  // The same report under /v1 and with the default window of 24h.
  const viaV1 = await fetch(`${stack.baseUrl.replace('/api/v1', '/v1')}/presets/checkout-bot/report`, {
    headers: { authorization: `Bearer ${stack.apiKey}` },
  });
  expect(viaV1.status).toBe(200);
  expect(((await viaV1.json()) as ReportBody).data).toMatchObject({ window: '24h', variants: [{}, {}] });
});

it('answers a preset without traffic with an empty report', async () => {
  const response = await getReport('presets/no-traffic-yet/report?window=15m');
  expect(response.status).toBe(200);
  expect(await response.json()).toMatchObject({
    data: { preset: 'no-traffic-yet', window: '15m', variants: [] },
  });
});

it('answers 404 for a preset the catalog does not have', async () => {
  const response = await getReport('presets/never-heard-of/report');
  expect(response.status).toBe(404);
  expect(await response.json()).toMatchObject({
    error: { code: 404, message: 'Preset "never-heard-of" not found.' },
  });
});

it('refuses a window it cannot read with a 400 that names the field', async () => {
  const response = await getReport('presets/checkout-bot/report?window=forever');
  expect(response.status).toBe(400);
  expect(await response.json()).toEqual({
    error: {
      code: 400,
      message:
        'Invalid request: window: must be a whole number and a unit (m, h or d), like 15m, 1h, 24h or 7d',
    },
  });
});

it('asks for an API key like every other route', async () => {
  expect((await getReport('presets/checkout-bot/report', 'sy-wrong-key')).status).toBe(401);
});
