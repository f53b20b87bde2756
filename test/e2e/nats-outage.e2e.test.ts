import { PrivateNats } from '../../libs/testing/private-nats';
import { recordsPerGeneration } from '../../libs/testing/records-per-generation';
import { startTestStack, type TestStack } from '../../libs/testing/test-stack';

jest.setTimeout(90_000);

/**
 * NATS dies under load and comes back: no request waits past its bound (in flight: the 2 s
 * silence limit; new: the reconnect wait), those that fail get 503 with Retry-After or an error
 * chunk, and every request — served or failed — has exactly one generation record.
 */
const CATALOG = `
providers:
  sim: { name: Simulator, family: openai-compatible, base_url: '{{SIMULATOR}}/scenario/itl=20/v1' }
models:
  test/echo:
    name: Echo
    context_length: 4096
    endpoints:
      - { provider: sim, upstream_model: echo, pricing: { prompt: 1, completion: 1 } }
`;

const RECONNECT_WAIT_MS = 3000;
const OUTAGE_MS = 2500;

let nats: PrivateNats;
let stack: TestStack;

beforeAll(async () => {
  nats = await PrivateNats.start();
  stack = await startTestStack({
    catalog: CATALOG,
    without: ['worker-gemini', 'worker-anthropic'],
    env: { NATS_URL: nats.url, SWITCHYARD_NATS_RECONNECT_WAIT_MS: String(RECONNECT_WAIT_MS) },
  });
});

afterAll(async () => {
  await stack?.stop();
  await nats?.stop();
});

interface Outcome {
  id: string;
  status: number;
  retryAfter: string | null;
  failedMidStream: boolean;
  ms: number;
}

async function send(i: number): Promise<Outcome> {
  const started = Date.now();
  const stream = i % 2 === 0;
  const response = await fetch(`${stack.baseUrl}/chat/completions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${stack.apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      model: 'test/echo',
      stream,
      messages: [{ role: 'user', content: `n${i} a b c d e` }],
    }),
  });
  const body = await response.text();
  return {
    id: response.headers.get('x-generation-id') ?? '',
    status: response.status,
    retryAfter: response.headers.get('retry-after'),
    failedMidStream: stream && response.status === 200 && body.includes('"finish_reason":"error"'),
    ms: Date.now() - started,
  };
}

it('bounds every wait through a NATS crash and restart, and records every request once', async () => {
  const requests: Promise<Outcome>[] = [];
  const load = setInterval(() => requests.push(send(requests.length)), 40);
  await new Promise((resolve) => setTimeout(resolve, 1500));
  await nats.kill();
  await new Promise((resolve) => setTimeout(resolve, OUTAGE_MS));
  await nats.restart();
  await new Promise((resolve) => setTimeout(resolve, 2500));
  clearInterval(load);
  const outcomes = await Promise.all(requests);

  // A request takes ~150 ms; in flight at the crash, it is given up within the silence limit;
  // sent during the outage, it waits for the reconnect at most RECONNECT_WAIT_MS.
  const bound = Math.max(2000, RECONNECT_WAIT_MS) + 1500;
  for (const outcome of outcomes) {
    expect(outcome.ms).toBeLessThan(bound);
    if (outcome.status !== 200) {
      expect(outcome.status).toBe(503);
      expect(Number(outcome.retryAfter)).toBeGreaterThan(0);
    }
  }
  const failed = outcomes.filter((o) => o.status !== 200 || o.failedMidStream);
  expect(failed.length).toBeGreaterThan(0);
  // Served before, and again after: the stack came back by itself.
  expect(outcomes.at(-1)!.status).toBe(200);
  expect(outcomes.filter((o) => o.status === 200 && !o.failedMidStream).length).toBeGreaterThan(
    failed.length,
  );

  const ids = outcomes.map((o) => o.id);
  expect(new Set(ids).size).toBe(ids.length);
  const counts = await recordsPerGeneration(stack, ids, 20_000);
  expect(counts.every((n) => n === 1)).toBe(true);
});
