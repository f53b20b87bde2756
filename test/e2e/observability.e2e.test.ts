import OpenAI from 'openai';
import { startTestStack, type TestStack } from '../../libs/testing/test-stack';
import { waitForGeneration } from '../../libs/testing/wait-for-generation';
import { TEST_CATALOG } from './test-catalog';
import { eventuallyPasses } from '../../libs/testing/eventually';

jest.setTimeout(60_000);

/** Prometheus metrics and health on every service, scraped over HTTP as Prometheus and Kubernetes do. */
let stack: TestStack;
let origin: string;

beforeAll(async () => {
  stack = await startTestStack({ catalog: TEST_CATALOG, postgresProxy: true });
  origin = new URL(stack.baseUrl).origin;
  const client = new OpenAI({ baseURL: stack.baseUrl, apiKey: stack.apiKey, maxRetries: 0 });
  const { response } = await client.chat.completions
    .create({ model: 'test/echo', messages: [{ role: 'user', content: 'count me' }] })
    .withResponse();
  await waitForGeneration(stack, response.headers.get('x-generation-id')!);
});

afterAll(async () => {
  await stack?.stop();
});

const text = (url: string) => fetch(url).then(async (r) => ({ status: r.status, body: await r.text() }));

describe('/metrics', () => {
  it('ingress counts requests, latency, overhead, tokens and cost', async () => {
    const { status, body } = await text(`${origin}/metrics`);
    expect(status).toBe(200);
    expect(body).toMatch(
      /switchyard_requests_total\{route="\/api\/v1\/chat\/completions",status="200",model="test\/echo",provider="sim",service="ingress"\} 1/,
    );
    expect(body).toMatch(/switchyard_gateway_overhead_seconds_bucket\{le="0.001",service="ingress"\} \d/);
    expect(body).toMatch(
      /switchyard_tokens_total\{direction="completion",model="test\/echo",service="ingress"\} [1-9]/,
    );
    expect(body).toMatch(
      /switchyard_cost_usd_total\{model="test\/echo",provider="sim",service="ingress"\} [0-9.e-]+/,
    );
    expect(body).toContain('switchyard_event_publish_backlog{service="ingress"}');
    expect(body).toContain('switchyard_process_cpu_seconds_total');
  });

  it('the router shows each endpoint circuit, the worker its upstream calls, metrics its consumer', async () => {
    await eventuallyPasses(async () => {
      expect((await text(`${stack.metricsUrl('router')}/metrics`)).body).toMatch(
        /switchyard_circuit_state\{provider="sim",model="test\/echo",service="router"\} 0/,
      );
    });
    expect((await text(`${stack.metricsUrl('worker-openai-compatible')}/metrics`)).body).toMatch(
      /switchyard_upstream_attempts_total\{provider="sim",status="200",service="worker-openai-compatible"\} 1/,
    );
    const metrics = (await text(`${stack.metricsUrl('metrics')}/metrics`)).body;
    expect(metrics).toMatch(/switchyard_generations_stored_total\{service="metrics"\} [1-9]/);
    expect(metrics).toMatch(/switchyard_event_consumer_messages\{state="pending",service="metrics"\} 0/);
  });
});

describe('health', () => {
  it('every service is live and ready, naming its checks', async () => {
    const ingress = await fetch(`${origin}/health/ready`);
    expect(ingress.status).toBe(200);
    expect(await ingress.json()).toEqual({ status: 'ready', checks: { nats: 'ok' } });
    for (const [service, checks] of [
      ['router', { nats: 'ok', 'attempt subscription': 'ok' }],
      ['worker-openai-compatible', { nats: 'ok', 'job subscriptions': 'ok' }],
      ['metrics', { nats: 'ok', postgres: 'ok', 'event consumer': 'ok' }],
    ] as const) {
      const live = await fetch(`${stack.metricsUrl(service)}/health/live`);
      expect(live.status).toBe(200);
      const ready = await fetch(`${stack.metricsUrl(service)}/health/ready`);
      expect({ service, status: ready.status, body: await ready.json() }).toEqual({
        service,
        status: 200,
        body: { status: 'ready', checks },
      });
    }
  });

  it('metrics is not ready without Postgres, and still live: an outage restarts nothing', async () => {
    await stack.postgres!.cut();
    try {
      await eventuallyPasses(async () => {
        const ready = await fetch(`${stack.metricsUrl('metrics')}/health/ready`);
        expect(ready.status).toBe(503);
        expect(await ready.json()).toMatchObject({
          status: 'not ready',
          checks: { postgres: 'failing', nats: 'ok' },
        });
      });
      expect((await fetch(`${stack.metricsUrl('metrics')}/health/live`)).status).toBe(200);
    } finally {
      await stack.postgres!.restore();
    }
    await eventuallyPasses(async () => {
      expect((await fetch(`${stack.metricsUrl('metrics')}/health/ready`)).status).toBe(200);
    });
  });
});
