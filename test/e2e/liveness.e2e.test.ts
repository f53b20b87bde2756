import { startTestStack, type TestStack } from '../../libs/testing/test-stack';
import { waitForGeneration } from '../../libs/testing/wait-for-generation';

jest.setTimeout(90_000);

/**
 * A worker that dies with requests in its hands is noticed within the silence limit (2 s), not the
 * provider timeouts (60 s): each request gets a complete answer from another replica, or, when its
 * stream had begun, a clear error chunk — and a record either way. No request waits on the router.
 */
const CATALOG = `
providers:
  slow: { name: Slow, family: openai-compatible, base_url: '{{SIMULATOR}}/scenario/ttft=1500/v1' }
  steady: { name: Steady, family: openai-compatible, base_url: '{{SIMULATOR}}/scenario/itl=100/v1' }
  quick: { name: Quick, family: openai-compatible, base_url: '{{SIMULATOR}}/v1' }
models:
  test/slow:
    name: Slow to start
    context_length: 4096
    endpoints:
      - { provider: slow, upstream_model: echo, pricing: { prompt: 1, completion: 1 } }
  test/steady:
    name: Steady stream
    context_length: 4096
    endpoints:
      - { provider: steady, upstream_model: echo, pricing: { prompt: 1, completion: 1 } }
  test/quick:
    name: Quick
    context_length: 4096
    endpoints:
      - { provider: quick, upstream_model: echo, pricing: { prompt: 1, completion: 1 } }
`;

/** How much later than its normal time a request may end when a process serving it died. */
const BOUND_MS = 3000;

let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack({ catalog: CATALOG, without: ['worker-gemini', 'worker-anthropic'] });
});

afterAll(async () => {
  await stack?.stop();
});

interface Outcome {
  id: string;
  status: number;
  text: string;
  /** The error chunk's error, for a stream that failed after it had begun. */
  streamError?: { code: number; message: string };
  ms: number;
}

async function send(model: string, content: string, stream: boolean): Promise<Outcome> {
  const started = Date.now();
  const response = await fetch(`${stack.baseUrl}/chat/completions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${stack.apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ model, stream, messages: [{ role: 'user', content }] }),
  });
  const id = response.headers.get('x-generation-id') ?? '';
  if (!stream || response.status !== 200) {
    const body = (await response.json()) as { choices?: { message: { content: string } }[] };
    return {
      id,
      status: response.status,
      text: body.choices?.[0]?.message.content ?? '',
      ms: Date.now() - started,
    };
  }
  let text = '';
  let streamError: Outcome['streamError'];
  for (const line of (await response.text()).split('\n')) {
    if (!line.startsWith('data: {')) continue;
    const chunk = JSON.parse(line.slice(6)) as {
      choices: { delta?: { content?: string } }[];
      error?: { code: number; message: string };
    };
    text += chunk.choices[0]?.delta?.content ?? '';
    streamError ??= chunk.error;
  }
  return { id, status: 200, text, streamError, ms: Date.now() - started };
}

const words = (n: number) => Array.from({ length: n }, (_, i) => `w${i}`).join(' ');

it('serves every request held by a worker killed while its provider thinks, from the other replica', async () => {
  const replica = await stack.startReplica('worker-openai-compatible');
  const victim = stack.pids().get('worker-openai-compatible')!;
  const requests = Array.from({ length: 16 }, (_, i) => send('test/slow', `slow ${i}`, i % 2 === 0));
  // Every request has reached a worker (and waits on its provider) before the kill.
  await new Promise((resolve) => setTimeout(resolve, 700));
  process.kill(victim, 'SIGKILL');
  const outcomes = await Promise.all(requests);
  for (const [i, outcome] of outcomes.entries()) {
    expect(outcome).toMatchObject({ status: 200, text: `Echo: slow ${i}` });
    expect(outcome.streamError).toBeUndefined();
    // Normally 1.5 s; those the dead worker held are noticed 2 s after the kill, then served again.
    expect(outcome.ms).toBeLessThan(1500 + BOUND_MS);
  }
  const records = await Promise.all(outcomes.map((o) => waitForGeneration(stack, o.id)));
  const retried = records.filter((r) => (r.provider_responses as unknown[]).length > 1);
  // The queue group spreads the jobs, so the dead worker held some, and each was tried again.
  expect(retried.length).toBeGreaterThan(0);
  for (const record of retried) {
    expect(record.provider_responses).toEqual([
      expect.objectContaining({
        status: 502,
        error: expect.stringMatching(/worker calling Slow stopped answering/),
      }),
      expect.objectContaining({ status: 200 }),
    ]);
  }
  await stack.stopService(replica);
});

it('ends a stream cut by the death of its worker with an error chunk within the bound', async () => {
  const doomed = await stack.startReplica('worker-openai-compatible');
  await stack.startReplica('worker-openai-compatible');
  const victim = stack.pids().get(doomed)!;
  // About 4 s of tokens each.
  const requests = Array.from({ length: 10 }, (_, i) => send('test/steady', `${i} ${words(40)}`, true));
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const killedAt = Date.now();
  process.kill(victim, 'SIGKILL');
  const outcomes = await Promise.all(requests);
  const cut = outcomes.filter((o) => o.streamError);
  expect(cut.length).toBeGreaterThan(0);
  expect(cut.length).toBeLessThan(outcomes.length);
  for (const outcome of cut) {
    expect(outcome.streamError).toMatchObject({
      code: 502,
      message: expect.stringMatching(/stopped answering/),
    });
    expect(Date.now() - killedAt).toBeLessThan(BOUND_MS + 5000);
    expect(outcome.ms).toBeLessThan(1000 + BOUND_MS);
  }
  for (const outcome of outcomes.filter((o) => !o.streamError)) expect(outcome.text).toMatch(/^Echo: \d+ w0/);
  // The cut ones are recorded as the errors they were (the gateway's failure: not charged).
  for (const outcome of cut) {
    expect(await waitForGeneration(stack, outcome.id)).toMatchObject({
      finish_reason: 'error',
      total_cost: 0,
    });
  }
});

it('goes on routing and serving with the router gone: no request waits on it', async () => {
  process.kill(stack.pids().get('router')!, 'SIGKILL');
  const outcomes = await Promise.all(
    Array.from({ length: 12 }, (_, i) => send('test/quick', `r${i}`, false)),
  );
  for (const [i, outcome] of outcomes.entries()) {
    expect(outcome).toMatchObject({ status: 200, text: `Echo: r${i}` });
    expect(outcome.ms).toBeLessThan(BOUND_MS);
    await waitForGeneration(stack, outcome.id);
  }
  await stack.startService('router');
});
