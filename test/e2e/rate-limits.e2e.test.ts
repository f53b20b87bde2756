import { chat, createKey } from '../../libs/testing/keys-api';
import { eventually } from '../../libs/testing/eventually';
import { startTestStack, type TestStack } from '../../libs/testing/test-stack';
import { TEST_CATALOG } from './test-catalog';

jest.setTimeout(120_000);

let stack: TestStack;
let replicaUrl: string;

beforeAll(async () => {
  stack = await startTestStack({
    catalog: TEST_CATALOG,
    env: { SWITCHYARD_DEFAULT_RATE_LIMIT_REQUESTS: '1000' },
  });
  replicaUrl = await stack.startIngressReplica();
});

afterAll(async () => {
  await stack?.stop();
});

const HELLO = { model: 'test/echo', messages: [{ role: 'user', content: 'Hello' }] };

/** Limits count per UTC minute: a burst must not straddle two. */
async function awayFromMinuteEdge(): Promise<void> {
  await eventually(
    'the middle of a minute',
    async () => (Date.now() % 60_000 < 50_000 ? true : undefined),
    15_000,
  );
}

it('admits exactly the requests per minute a key allows across two ingress replicas, and 429s the rest', async () => {
  const { key } = await createKey(stack, { name: 'rpm', rate_limit: { requests: 10 } });
  await awayFromMinuteEdge();
  const answers = await Promise.all(
    Array.from({ length: 40 }, (_, i) => chat(stack, key, HELLO, i % 2 === 0 ? stack.baseUrl : replicaUrl)),
  );
  expect(answers.filter((a) => a.status === 200)).toHaveLength(10);
  const refused = answers.filter((a) => a.status !== 200);
  expect(refused).toHaveLength(30);
  const reset = Math.ceil(Date.now() / 60_000) * 60_000;
  for (const answer of refused) {
    expect(answer.status).toBe(429);
    expect(answer.body).toEqual({
      error: {
        code: 429,
        message: 'Rate limit exceeded: requests per minute for this key (10). ',
        metadata: {
          headers: {
            'X-RateLimit-Limit': '10',
            'X-RateLimit-Remaining': '0',
            'X-RateLimit-Reset': String(reset),
          },
          provider_name: null,
        },
      },
    });
    expect(answer.headers.get('x-ratelimit-limit')).toBe('10');
    expect(answer.headers.get('x-ratelimit-reset')).toBe(String(reset));
    const retryAfter = Number(answer.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
  }
  const served = answers.find((a) => a.status === 200)!;
  expect(served.headers.get('x-ratelimit-limit')).toBe('10');
});

it('stops admitting once the minute’s tokens reach the limit, across replicas', async () => {
  // Each answer counts 2 prompt tokens (a word and the role) and 2 completion tokens, known only at
  // its end: a request admitted just before the previous one was counted may go over, no more.
  const { key } = await createKey(stack, { name: 'tpm', rate_limit: { tokens: 20 } });
  await awayFromMinuteEdge();
  let used = 0;
  for (let i = 0; i < 20; i++) {
    const answer = await chat(stack, key, HELLO, i % 2 === 0 ? stack.baseUrl : replicaUrl);
    if (answer.status === 429) {
      expect(answer.body.error.message).toBe('Rate limit exceeded: tokens per minute for this key (20). ');
      expect(used).toBeGreaterThanOrEqual(20);
      return;
    }
    expect(answer.status).toBe(200);
    expect(used).toBeLessThan(20 + 4);
    used += answer.body.usage.total_tokens as number;
  }
  throw new Error(`20 requests of ${used} tokens in all were never refused`);
});

it('applies the gateway default to a key that sets none, and -1 lifts it', async () => {
  const defaulted = await createKey(stack, { name: 'defaulted' });
  expect((await chat(stack, defaulted.key, HELLO)).headers.get('x-ratelimit-limit')).toBe('1000');
  const { key } = await createKey(stack, { name: 'unlimited', rate_limit: { requests: -1 } });
  const answers = await Promise.all(Array.from({ length: 15 }, () => chat(stack, key, HELLO)));
  expect(answers.every((a) => a.status === 200)).toBe(true);
  expect(answers[0]!.headers.get('x-ratelimit-limit')).toBeNull();
});
