import { randomBytes } from 'node:crypto';
import OpenAI from 'openai';
import { startTestStack, type TestStack } from '../../libs/testing/test-stack';
import { waitForGeneration } from '../../libs/testing/wait-for-generation';

jest.setTimeout(60_000);

/**
 * A body far above NATS's 1 MiB max_payload still reaches the provider (through the job-body
 * store); only the gateway's own limit, SWITCHYARD_MAX_BODY_BYTES, is a 413.
 */
const CATALOG = `
providers:
  sim: { name: Simulator, family: openai-compatible, base_url: '{{SIMULATOR}}/v1' }
models:
  test/vision:
    name: Vision
    context_length: 128000
    input_modalities: [text, image]
    endpoints:
      - { provider: sim, upstream_model: echo, pricing: { prompt: 1, completion: 1 } }
`;

const LIMIT_BYTES = 12 * 1024 * 1024;

let stack: TestStack;
let client: OpenAI;

beforeAll(async () => {
  stack = await startTestStack({ catalog: CATALOG, env: { SWITCHYARD_MAX_BODY_BYTES: String(LIMIT_BYTES) } });
  client = new OpenAI({ baseURL: stack.baseUrl, apiKey: stack.apiKey, maxRetries: 0 });
});

afterAll(async () => {
  await stack?.stop();
});

/** A user message with `imageBytes` of (random, so incompressible) PNG-typed base64 image data. */
function visionMessage(text: string, imageBytes: number): OpenAI.ChatCompletionMessageParam {
  const data = randomBytes(Math.floor((imageBytes * 3) / 4)).toString('base64');
  return {
    role: 'user',
    content: [
      { type: 'text', text },
      { type: 'image_url', image_url: { url: `data:image/png;base64,${data}` } },
    ],
  };
}

it('passes a 10 MiB vision request on to the provider, streamed and not', async () => {
  const message = visionMessage('describe it', 10 * 1024 * 1024);
  const completion = await client.chat.completions.create({ model: 'test/vision', messages: [message] });
  expect(completion.choices[0].message.content).toContain('describe it');
  const record = await waitForGeneration(stack, completion.id);
  expect(record).toMatchObject({ provider_name: 'Simulator', finish_reason: 'stop' });

  const stream = await client.chat.completions.create({
    model: 'test/vision',
    messages: [message],
    stream: true,
  });
  let text = '';
  for await (const chunk of stream) text += chunk.choices[0]?.delta?.content ?? '';
  expect(text).toContain('describe it');
});

it('answers 413 only above SWITCHYARD_MAX_BODY_BYTES', async () => {
  const response = await fetch(`${stack.baseUrl}/chat/completions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${stack.apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'test/vision', messages: [visionMessage('too much', LIMIT_BYTES + 1024)] }),
  });
  expect(response.status).toBe(413);
  const { error } = (await response.json()) as { error: { code: number; message: string } };
  expect(error.code).toBe(413);
  expect(error.message).toContain(String(LIMIT_BYTES));
});
