import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import OpenAI from 'openai';
import { startTestStack, type TestStack } from '../../libs/testing/test-stack';
import { waitForGeneration } from '../../libs/testing/wait-for-generation';

jest.setTimeout(60_000);

/** A provider that streams one token every 100 ms for a long time, and notes when its client hangs up. */
function startSlowProvider(onAbort: () => void): Promise<Server> {
  const server = createServer((req, res) => {
    req.resume();
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    const chunk = (content: string) =>
      `data: ${JSON.stringify({ id: 'slow-1', object: 'chat.completion.chunk', created: 1, model: 'slow', choices: [{ index: 0, delta: { content }, finish_reason: null }] })}\n\n`;
    const timer = setInterval(() => res.write(chunk('tick ')), 100);
    res.on('close', () => {
      clearInterval(timer);
      if (!res.writableFinished) onAbort();
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

let provider: Server;
let stack: TestStack;
let aborted: () => void;
const upstreamAborted = new Promise<void>((resolve) => (aborted = resolve));

beforeAll(async () => {
  provider = await startSlowProvider(() => aborted());
  const { port } = provider.address() as AddressInfo;
  stack = await startTestStack({
    catalog: `
providers:
  slow: { name: Slow, family: openai-compatible, base_url: 'http://127.0.0.1:${port}/v1' }
models:
  test/slow:
    name: Slow
    context_length: 1000
    endpoints:
      - { provider: slow, upstream_model: slow, pricing: { prompt: 1, completion: 1 } }
`,
  });
});

afterAll(async () => {
  await stack?.stop();
  provider?.close();
});

it('aborts the upstream call when the client goes away, and records the generation as cancelled', async () => {
  const client = new OpenAI({ baseURL: stack.baseUrl, apiKey: stack.apiKey, maxRetries: 0 });
  const controller = new AbortController();
  const stream = await client.chat.completions.create(
    { model: 'test/slow', stream: true, messages: [{ role: 'user', content: 'go on forever' }] },
    { signal: controller.signal },
  );
  let id = '';
  await (async () => {
    for await (const chunk of stream) {
      id = chunk.id;
      controller.abort();
    }
  })().catch(() => undefined);

  await expect(Promise.race([upstreamAborted.then(() => 'aborted'), delay(5000)])).resolves.toBe('aborted');
  const record = await waitForGeneration(stack, id);
  expect(record).toMatchObject({ id, cancelled: true, streamed: true, provider_name: 'Slow' });
});

const delay = (ms: number) => new Promise((resolve) => setTimeout(() => resolve('timed out'), ms));
