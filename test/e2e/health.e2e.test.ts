import OpenAI from 'openai';
import { startTestStack, type TestStack } from '../../libs/testing/test-stack';

jest.setTimeout(60_000);

/** One model, two endpoints: the first always fails with a 500, the second answers after 50 ms. */
const HEALTH_CATALOG = `
providers:
  sim-failing:
    name: Failing Simulator
    family: openai-compatible
    base_url: '{{SIMULATOR}}/scenario/fail=500/v1'
  sim-healthy:
    name: Healthy Simulator
    family: openai-compatible
    base_url: '{{SIMULATOR}}/scenario/ttft=50/v1'
models:
  test/health:
    name: Test Health
    context_length: 4096
    endpoints:
      - provider: sim-failing
        upstream_model: echo
        pricing: { prompt: 1, completion: 1 }
      - provider: sim-healthy
        upstream_model: echo
        pricing: { prompt: 2, completion: 2 }
`;

interface Percentiles {
  p50: number;
  p75: number;
  p90: number;
  p99: number;
}

interface ListedEndpoint {
  tag: string;
  provider_name: string;
  status: number;
  uptime_last_30m: number | null;
  latency_last_30m: Percentiles | null;
  throughput_last_30m: Percentiles | null;
}

let stack: TestStack;
let client: OpenAI;

beforeAll(async () => {
  stack = await startTestStack({ catalog: HEALTH_CATALOG, without: ['metrics'] });
  client = new OpenAI({ baseURL: stack.baseUrl, apiKey: stack.apiKey, maxRetries: 0 });
});

afterAll(async () => {
  await stack?.stop();
});

async function listEndpoints(model: string): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${stack.baseUrl}/models/${model}/endpoints`);
  return { status: response.status, body: await response.json() };
}

async function endpointsWhen(
  ready: (endpoints: Map<string, ListedEndpoint>) => boolean,
  tries: number,
): Promise<Map<string, ListedEndpoint>> {
  for (let tried = 1; ; tried++) {
    const { body } = await listEndpoints('test/health');
    const { endpoints } = (body as { data: { endpoints: ListedEndpoint[] } }).data;
    const byTag = new Map(endpoints.map((e) => [e.tag, e]));
    if (ready(byTag) || tried >= tries) return byTag;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('GET /models/{author}/{slug}/endpoints', () => {
  it('lists the endpoints, unmeasured, before any traffic', async () => {
    const { status, body } = await listEndpoints('test/health');
    expect(status).toBe(200);
    expect(body).toMatchObject({
      data: {
        id: 'test/health',
        name: 'Test Health',
        endpoints: [
          {
            tag: 'sim-failing',
            name: 'Failing Simulator: Test Health',
            pricing: { prompt: '0.000001', completion: '0.000001', request: '0', image: '0' },
            status: 0,
            uptime_last_30m: null,
            latency_last_30m: null,
          },
          { tag: 'sim-healthy', provider_name: 'Healthy Simulator', status: 0 },
        ],
      },
    });
  });

  it('answers 404 in OpenRouter shape for an unknown model', async () => {
    const { status, body } = await listEndpoints('nobody/nothing');
    expect(status).toBe(404);
    expect(body).toMatchObject({ error: { code: 404, message: expect.stringContaining('nobody/nothing') } });
  });

  it('learns from traffic: the failing endpoint loses uptime and its circuit opens', async () => {
    const messages = [{ role: 'user' as const, content: 'Hello there, gateway' }];
    const circuitOpen = (e: Map<string, ListedEndpoint>) => e.get('sim-failing')?.status === -2;
    let endpoints = new Map<string, ListedEndpoint>();
    // Routing may spread requests over both endpoints: go on until five failures in a row trip it.
    for (let i = 0; i < 20 && !circuitOpen(endpoints); i++) {
      const answer = await client.chat.completions.create({ model: 'test/health', messages });
      expect(answer.choices[0].message.content).toBe('Echo: Hello there, gateway');
      const stream = await client.chat.completions.create({ model: 'test/health', messages, stream: true });
      for await (const chunk of stream) expect(chunk.id).toMatch(/^gen-/);
      endpoints = await endpointsWhen(circuitOpen, 3);
    }
    endpoints = await endpointsWhen(circuitOpen, 30);
    const failing = endpoints.get('sim-failing')!;
    const healthy = endpoints.get('sim-healthy')!;
    expect(failing.status).toBe(-2);
    expect(failing.uptime_last_30m).toBe(0);
    expect(healthy.status).toBe(0);
    expect(healthy.uptime_last_30m).toBe(100);
    expect(healthy.latency_last_30m?.p50).toBeGreaterThanOrEqual(50);
    expect(healthy.throughput_last_30m?.p50).toBeGreaterThan(0);
  });
});
