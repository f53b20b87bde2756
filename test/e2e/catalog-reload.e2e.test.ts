import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import OpenAI from 'openai';
import { startTestStack, type TestStack } from '../../libs/testing/test-stack';
import { TEST_CATALOG } from './test-catalog';
import { eventuallyPasses } from '../../libs/testing/eventually';

jest.setTimeout(60_000);

let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack({ catalog: TEST_CATALOG });
});

afterAll(async () => {
  await stack?.stop();
});

/** The one command an operator runs after editing the catalog. */
async function pushCatalog(text: string): Promise<{ code: number; output: string }> {
  const file = join(tmpdir(), `catalog-push-${stack.namespace}-${Date.now()}.yaml`);
  writeFileSync(file, text.replaceAll('{{SIMULATOR}}', stack.simulatorUrl));
  const env = { ...process.env, NODE_OPTIONS: '', SWITCHYARD_NAMESPACE: stack.namespace };
  try {
    const { stdout } = await promisify(execFile)(process.execPath, ['dist/scripts/catalog-push.js', file], {
      env,
    });
    return { code: 0, output: stdout };
  } catch (error) {
    const failed = error as { code: number; stderr: string };
    return { code: failed.code, output: failed.stderr };
  }
}

it('serves a model and a provider added to the catalog of the running cluster, without a restart', async () => {
  const client = new OpenAI({ baseURL: stack.baseUrl, apiKey: stack.apiKey, maxRetries: 0 });
  await expect(
    client.chat.completions.create({ model: 'test/new', messages: [{ role: 'user', content: 'hi' }] }),
  ).rejects.toBeInstanceOf(OpenAI.NotFoundError);

  const pushed = await pushCatalog(
    `${TEST_CATALOG}
  test/new:
    name: Added while running
    context_length: 2048
    endpoints:
      - provider: sim-new
        upstream_model: echo
        pricing: { prompt: 5, completion: 5 }
`.replace(
      'providers:\n',
      "providers:\n  sim-new:\n    name: New Simulator\n    family: openai-compatible\n    base_url: '{{SIMULATOR}}/v1'\n",
    ),
  );
  expect(pushed).toMatchObject({ code: 0, output: expect.stringMatching(/is revision \d+/) });

  const completion = await eventuallyPasses(() =>
    client.chat.completions.create({ model: 'test/new', messages: [{ role: 'user', content: 'hi' }] }),
  );
  expect((completion as unknown as { provider: string }).provider).toBe('New Simulator');
  const models = await (await fetch(`${stack.baseUrl}/models`)).json();
  expect((models as { data: { id: string }[] }).data.map((m) => m.id)).toContain('test/new');
});

it('refuses an invalid catalog before it reaches the cluster, naming the problem', async () => {
  const pushed = await pushCatalog(TEST_CATALOG.replace('provider: sim\n', 'provider: nowhere\n'));
  expect(pushed.code).toBe(1);
  expect(pushed.output).toMatch(/unknown provider "nowhere"/);
  const completion = await new OpenAI({
    baseURL: stack.baseUrl,
    apiKey: stack.apiKey,
    maxRetries: 0,
  }).chat.completions.create({
    model: 'test/echo',
    messages: [{ role: 'user', content: 'still here' }],
  });
  expect(completion.choices[0].message.content).toBe('Echo: still here');
});
