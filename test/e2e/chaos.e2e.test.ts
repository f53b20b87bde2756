import { PrivateNats } from '../../libs/testing/private-nats';
import { recordsPerGeneration } from '../../libs/testing/records-per-generation';
import { startTestStack, type TestStack } from '../../libs/testing/test-stack';

jest.setTimeout(180_000);

/**
 * Steady mixed load (streamed and not) while a worker, a router, metrics and NATS itself are killed
 * (SIGKILL) and started again, one after another. Asserted: no request waits past its bound, every
 * failure is a clear answer (an HTTP error or an error chunk), every request is recorded exactly
 * once, and the stack is back at full service within 5 s of each restart.
 */
const CATALOG = `
providers:
  sim: { name: Simulator, family: openai-compatible, base_url: '{{SIMULATOR}}/scenario/ttft=100,itl=10/v1' }
models:
  test/echo:
    name: Echo
    context_length: 4096
    endpoints:
      - { provider: sim, upstream_model: echo, pricing: { prompt: 1, completion: 1 } }
`;

/** A request takes ~200 ms; one held by a dying process is given up within 2 s, a lost NATS is waited for 3 s. */
const REQUEST_BOUND_MS = 6000;
const RECOVERY_MS = 5000;
const SEND_EVERY_MS = 50;

let nats: PrivateNats;
let stack: TestStack;

beforeAll(async () => {
  nats = await PrivateNats.start();
  stack = await startTestStack({
    catalog: CATALOG,
    without: ['worker-gemini', 'worker-anthropic'],
    env: { NATS_URL: nats.url, SWITCHYARD_NATS_RECONNECT_WAIT_MS: '3000' },
  });
});

afterAll(async () => {
  await stack?.stop();
  await nats?.stop();
});

interface Outcome {
  id: string;
  sentAt: number;
  ms: number;
  ok: boolean;
  status: number;
}

async function send(i: number): Promise<Outcome> {
  const sentAt = Date.now();
  const stream = i % 2 === 0;
  try {
    const response = await fetch(`${stack.baseUrl}/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${stack.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        model: 'test/echo',
        stream,
        messages: [{ role: 'user', content: `c${i} x y z` }],
      }),
      signal: AbortSignal.timeout(30_000),
    });
    const body = await response.text();
    const complete = stream ? body.includes('data: [DONE]') : body.includes(`Echo: c${i} x y z`);
    const clearError = stream ? body.includes('"finish_reason":"error"') : body.includes('"error"');
    // Every answer is either the whole answer or a clear error.
    expect(complete || clearError).toBe(true);
    return {
      id: response.headers.get('x-generation-id') ?? '',
      sentAt,
      ms: Date.now() - sentAt,
      ok: response.status === 200 && complete && !clearError,
      status: response.status,
    };
  } catch {
    return { id: '', sentAt, ms: Date.now() - sentAt, ok: false, status: -1 };
  }
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

it('absorbs a worker, the router, metrics and NATS dying in turn under load', async () => {
  // A second worker and router carry the load while the first ones are down.
  await stack.startReplica('worker-openai-compatible');
  await stack.startReplica('router');
  const requests: Promise<Outcome>[] = [];
  const load = setInterval(() => requests.push(send(requests.length)), SEND_EVERY_MS);
  const restarts: { what: string; at: number }[] = [];
  const kills: number[] = [];

  const faults: { what: string; kill: () => Promise<void>; restart: () => Promise<void> }[] = [
    {
      what: 'a worker',
      kill: async () => void process.kill(stack.pids().get('worker-openai-compatible')!, 'SIGKILL'),
      restart: () => stack.startService('worker-openai-compatible'),
    },
    {
      what: 'a router',
      kill: async () => void process.kill(stack.pids().get('router')!, 'SIGKILL'),
      restart: () => stack.startService('router'),
    },
    {
      what: 'metrics',
      kill: async () => void process.kill(stack.pids().get('metrics')!, 'SIGKILL'),
      restart: () => stack.startService('metrics'),
    },
    { what: 'NATS', kill: () => nats.kill(), restart: () => nats.restart() },
  ];
  await pause(1500);
  for (const fault of faults) {
    kills.push(Date.now());
    await fault.kill();
    await pause(1500);
    await fault.restart();
    restarts.push({ what: fault.what, at: Date.now() });
    await pause(RECOVERY_MS + 1000);
  }
  clearInterval(load);
  const outcomes = await Promise.all(requests);

  for (const outcome of outcomes) expect(outcome.ms).toBeLessThan(REQUEST_BOUND_MS);
  // Back at full service within RECOVERY_MS of each restart: everything sent after that, and
  // done before the next fault, succeeds.
  for (const [i, { what, at }] of restarts.entries()) {
    const nextKill = kills[i + 1] ?? Infinity;
    const after = outcomes.filter((o) => o.sentAt >= at + RECOVERY_MS && o.sentAt + o.ms < nextKill);
    expect({ what, sent: after.length, failed: after.filter((o) => !o.ok).length }).toEqual({
      what,
      sent: expect.any(Number),
      failed: 0,
    });
    expect(after.length).toBeGreaterThan(0);
  }

  // Every request has exactly one record, the failed ones included.
  const ids = outcomes.map((o) => o.id);
  expect(ids.every((id) => id !== '')).toBe(true);
  const counts = await recordsPerGeneration(stack, ids, 30_000);
  expect(counts.every((n) => n === 1)).toBe(true);
});
