import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import OpenAI from 'openai';
import { startTestStack, type TestStack } from '../../libs/testing/test-stack';
import { TEST_CATALOG } from './test-catalog';

jest.setTimeout(60_000);

interface ReceivedSpan {
  service: string;
  name: string;
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  attributes?: { key: string; value: { stringValue?: string; intValue?: number | string } }[];
  links?: { traceId: string; spanId: string }[];
}

interface OtlpExport {
  resourceSpans: {
    resource: { attributes: { key: string; value: { stringValue?: string } }[] };
    scopeSpans: { spans: Omit<ReceivedSpan, 'service'>[] }[];
  }[];
}

/** A minimal OTLP/HTTP (JSON) collector: it keeps every span the services export. */
function startCollector(spans: ReceivedSpan[]): Promise<Server> {
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (part: Buffer) => (body += part));
    req.on('end', () => {
      for (const resourceSpans of (JSON.parse(body) as OtlpExport).resourceSpans) {
        const service = resourceSpans.resource.attributes.find((a) => a.key === 'service.name')?.value
          .stringValue;
        for (const scope of resourceSpans.scopeSpans) {
          for (const span of scope.spans) spans.push({ ...span, service: service ?? '?' });
        }
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

const spans: ReceivedSpan[] = [];
let collector: Server;
let stack: TestStack;

beforeAll(async () => {
  collector = await startCollector(spans);
  const { port } = collector.address() as AddressInfo;
  stack = await startTestStack({
    catalog: TEST_CATALOG,
    // JSON, which this collector reads: also proves the protocol variable is honoured (the default is protobuf).
    env: {
      OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${port}`,
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
      OTEL_BSP_SCHEDULE_DELAY: '100',
    },
  });
});

afterAll(async () => {
  await stack?.stop();
  collector?.close();
});

it('traces one request from the client through ingress and worker to the provider call, linked from metrics and the router', async () => {
  const client = new OpenAI({ baseURL: stack.baseUrl, apiKey: stack.apiKey, maxRetries: 0 });
  const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
  await client.chat.completions.create(
    { model: 'test/echo', messages: [{ role: 'user', content: 'trace me' }] },
    { headers: { traceparent: `00-${traceId}-00f067aa0ba902b7-01` } },
  );
  const expected = ['chat test/echo', 'attempt', 'chat sim', 'POST sim'];
  const byName = new Map<string, ReceivedSpan>();
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline && !expected.every((name) => byName.has(name))) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    for (const span of spans) if (span.traceId === traceId) byName.set(span.name, span);
  }
  const chat = byName.get('chat test/echo')!;
  const attempt = byName.get('attempt')!;
  const worker = byName.get('chat sim')!;
  const upstream = byName.get('POST sim')!;
  expect([chat, attempt, worker, upstream].map((s) => s?.service)).toEqual([
    'ingress',
    'ingress',
    'worker-openai-compatible',
    'worker-openai-compatible',
  ]);
  expect(chat.parentSpanId).toBe('00f067aa0ba902b7');
  expect(attempt.parentSpanId).toBe(chat.spanId);
  expect(worker.parentSpanId).toBe(attempt.spanId);
  expect(upstream.parentSpanId).toBe(worker.spanId);
  // The provider attempt carries the GenAI semantic conventions.
  const attribute = (key: string) => worker.attributes?.find((a) => a.key === key)?.value;
  expect(attribute('gen_ai.operation.name')?.stringValue).toBe('chat');
  expect(attribute('gen_ai.provider.name')?.stringValue).toBe('sim');
  expect(attribute('gen_ai.request.model')?.stringValue).toBe('echo');
  expect(Number(attribute('gen_ai.usage.output_tokens')?.intValue)).toBeGreaterThan(0);
  expect(Number(attribute('gen_ai.usage.input_tokens')?.intValue)).toBeGreaterThan(0);

  // Metrics writes generations in batches of many requests: its span links to this request's.
  let store: ReceivedSpan | undefined;
  while (Date.now() < deadline + 10_000 && !store) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    store = spans.find(
      (span) => span.name === 'store generations' && span.links?.some((link) => link.traceId === traceId),
    );
  }
  expect(store?.service).toBe('metrics');
  expect(store?.links).toContainEqual(expect.objectContaining({ traceId, spanId: chat.spanId }));

  // The router learns from batches of attempt outcomes, off the request path: its span links to the
  // worker's attempt.
  let learn: ReceivedSpan | undefined;
  while (Date.now() < deadline + 10_000 && !learn) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    learn = spans.find(
      (span) =>
        span.name === 'record attempt outcomes' && span.links?.some((link) => link.traceId === traceId),
    );
  }
  expect(learn?.service).toBe('router');
  expect(learn?.links).toContainEqual(expect.objectContaining({ traceId, spanId: worker.spanId }));
});
