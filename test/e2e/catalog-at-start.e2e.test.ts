import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import OpenAI from 'openai';
import { eventually } from '../../libs/testing/eventually';
import { startTestStack, type TestStack } from '../../libs/testing/test-stack';

jest.setTimeout(90_000);

/** Which catalog is in force after a restart: a push survives an unchanged file, an edited file wins. */
const file = join(tmpdir(), `catalog-at-start-${randomBytes(4).toString('hex')}.yaml`);
const pushedFile = `${file}.pushed.yaml`;
/** Services read `${SIMULATOR_URL}` from their environment, which the test stack sets. */
const catalogServing = (model: string) => `
providers:
  sim:
    name: Simulator
    family: openai-compatible
    base_url: '\${SIMULATOR_URL}/v1'
models:
  ${model}:
    name: ${model}
    context_length: 4096
    endpoints:
      - provider: sim
        upstream_model: echo
        pricing: { prompt: 1, completion: 1 }
`;
/** The services a request goes through, restarted together as after a deploy. */
const RESTARTED = ['router', 'worker-openai-compatible', 'ingress'];

let stack: TestStack;
let client: OpenAI;

beforeAll(async () => {
  writeFileSync(file, catalogServing('test/from-file'));
  stack = await startTestStack({ env: { SWITCHYARD_CATALOG: file } });
  client = new OpenAI({ baseURL: stack.baseUrl, apiKey: stack.apiKey, maxRetries: 0 });
});

afterAll(async () => {
  await stack?.stop();
  rmSync(file, { force: true });
  rmSync(pushedFile, { force: true });
});

async function restart(): Promise<string> {
  const before = stack.logs().length;
  for (const name of RESTARTED) await stack.stopService(name);
  await Promise.all(RESTARTED.map((name) => stack.startService(name)));
  return stack.logs().slice(before);
}

async function modelIds(): Promise<string[]> {
  const models = (await (await fetch(`${stack.baseUrl}/models`)).json()) as { data: { id: string }[] };
  return models.data.map((m) => m.id);
}

const answer = async (model: string) =>
  (await client.chat.completions.create({ model, messages: [{ role: 'user', content: 'hi' }] })).choices[0]
    .message.content;

it('keeps a pushed catalog when services restart with their file unchanged', async () => {
  writeFileSync(pushedFile, catalogServing('test/pushed').replace('${SIMULATOR_URL}', stack.simulatorUrl));
  await promisify(execFile)(process.execPath, ['dist/scripts/catalog-push.js', pushedFile], {
    env: { ...process.env, NODE_OPTIONS: '', SWITCHYARD_NAMESPACE: stack.namespace },
  });
  await eventually('the pushed catalog', async () =>
    (await modelIds()).includes('test/pushed') ? true : undefined,
  );

  const logs = await restart();
  expect(await modelIds()).toEqual(['test/pushed']);
  expect(await answer('test/pushed')).toBe('Echo: hi');
  const kept = logs.split('\n').filter((line) => line.includes('pushed by catalog:push'));
  expect(kept).toHaveLength(RESTARTED.length);
  for (const line of kept) expect(line).toMatch(/unchanged since$/);
});

it('applies the file once it is edited, at the next restart, in every service', async () => {
  writeFileSync(file, catalogServing('test/edited'));
  const logs = await restart();
  expect(await modelIds()).toEqual(['test/edited']);
  expect(await answer('test/edited')).toBe('Echo: hi');
  // One of the services starting together stored the file; the others found it stored.
  expect(logs.match(/applied at start: file changed\)/g)).toHaveLength(1);
  expect(logs.match(/applied at .*\); .* unchanged since/g)).toHaveLength(RESTARTED.length - 1);
  // Metrics, still running, switched too, as to any change of the cluster's catalog.
  expect(logs).toMatch(/\[metrics\] .*catalog in force: revision \d+, from .* \(sha256 \w{12}…, applied at /);
});
