import OpenAI from 'openai';
import { startTestStack, type TestStack } from '../../libs/testing/test-stack';
import { TEST_CATALOG } from './test-catalog';

jest.setTimeout(90_000);

let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack({ catalog: TEST_CATALOG, without: ['metrics'] });
});

afterAll(async () => {
  await stack?.stop();
});

const lookup = (id: string) =>
  fetch(`${stack.baseUrl}/generation?id=${id}`, { headers: { authorization: `Bearer ${stack.apiKey}` } });

it('records every request served while metrics was down, once it is back', async () => {
  const client = new OpenAI({ baseURL: stack.baseUrl, apiKey: stack.apiKey, maxRetries: 0 });
  const ids = await Promise.all(
    Array.from({ length: 12 }, async (_, i) => {
      const request = { model: 'test/echo', messages: [{ role: 'user' as const, content: `request ${i}` }] };
      if (i % 2 === 0) return (await client.chat.completions.create(request)).id;
      let id = '';
      for await (const chunk of await client.chat.completions.create({ ...request, stream: true }))
        id = chunk.id;
      return id;
    }),
  );
  expect((await lookup(ids[0])).status).toBe(503);

  await stack.startService('metrics');

  const deadline = Date.now() + 10_000;
  const found = new Set<string>();
  while (found.size < ids.length && Date.now() < deadline) {
    for (const id of ids.filter((i) => !found.has(i))) {
      const response = await lookup(id);
      if (response.status === 200) found.add(id);
    }
    if (found.size < ids.length) await new Promise((resolve) => setTimeout(resolve, 200));
  }
  expect([...found].sort()).toEqual([...ids].sort());
  const streamed = (await (await lookup(ids[1])).json()) as { data: { streamed: boolean } };
  expect(streamed.data.streamed).toBe(true);
});
