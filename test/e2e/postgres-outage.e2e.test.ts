import { callGateway, chat, createKey } from '../../libs/testing/keys-api';
import { startTestStack, type TestStack } from '../../libs/testing/test-stack';
import { waitForGeneration } from '../../libs/testing/wait-for-generation';
import { TEST_CATALOG } from './test-catalog';

jest.setTimeout(120_000);

let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack({ catalog: TEST_CATALOG, postgresProxy: true });
});

afterAll(async () => {
  await stack?.stop();
});

const HELLO = { model: 'test/echo', max_tokens: 10, messages: [{ role: 'user', content: 'Hello' }] };

it('keeps serving known keys, with their limits, while Postgres is unreachable, and records it all afterwards', async () => {
  const capped = await createKey(stack, { name: 'capped', limit: 1, rate_limit: { requests: 100 } });
  const plain = await createKey(stack, { name: 'plain' });
  await stack.postgres!.cut();

  const answers = await Promise.all(
    Array.from({ length: 20 }, (_, i) => chat(stack, i % 2 === 0 ? capped.key : plain.key, HELLO)),
  );
  expect(answers.map((a) => a.status)).toEqual(Array(20).fill(200));
  // What needs Postgres says so, and nothing else is affected.
  const listing = await callGateway(stack, 'GET', '/keys');
  expect(listing.status).toBe(503);
  expect(listing.body.error.message).toBe('Keys are unavailable right now: PostgreSQL is not answering.');

  await stack.postgres!.restore();
  for (const [index, answer] of answers.entries()) {
    const key = index % 2 === 0 ? capped.key : plain.key;
    // Metrics backs off while Postgres is away (up to 30 s between tries); the events wait in JetStream.
    await waitForGeneration({ ...stack, apiKey: key }, answer.body.id, 60_000);
  }
  const usage = (await callGateway(stack, 'GET', '/key', { key: capped.key })).body.data.usage as number;
  const served = answers
    .filter((_, i) => i % 2 === 0)
    .reduce((sum, a) => sum + (a.body.usage.cost as number), 0);
  expect(usage).toBeCloseTo(served, 10);
});
