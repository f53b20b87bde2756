import { readFileSync } from 'node:fs';
import path from 'node:path';
import { FIXTURES } from '../../libs/providers/shared/testing/recorded-fixtures';
import { defaultFixturesDir } from './recorded-response';
import { startSimulator, type RunningSimulator } from './simulator-server';

let simulator: RunningSimulator;

beforeAll(async () => {
  simulator = await startSimulator({ port: 0, fixturesDir: FIXTURES });
});

afterAll(async () => {
  await simulator.close();
});

const ANTHROPIC_HEADERS = { 'anthropic-version': '2023-06-01' };
const chat = { model: 'echo', messages: [{ role: 'user', content: 'Hi' }] };
const messages = { model: 'claude-sim', max_tokens: 10, messages: [{ role: 'user', content: 'Hi' }] };
const contents = { contents: [{ parts: [{ text: 'Hi' }] }] };

type Endpoint = 'openai' | 'anthropic' | 'gemini';

/** A request for `replay=<target>` to the endpoint of the protocol the fixture family speaks. */
function request(endpoint: Endpoint, target: string, stream: boolean): Promise<Response> {
  const prefix = `${simulator.url}/scenario/replay=${target}`;
  switch (endpoint) {
    case 'openai':
      return fetch(`${prefix}/v1/chat/completions`, {
        method: 'POST',
        body: JSON.stringify({ ...chat, stream }),
      });
    case 'anthropic':
      return fetch(`${prefix}/v1/messages`, {
        method: 'POST',
        headers: ANTHROPIC_HEADERS,
        body: JSON.stringify({ ...messages, stream }),
      });
    case 'gemini': {
      const action = stream ? 'streamGenerateContent?alt=sse' : 'generateContent';
      return fetch(`${prefix}/v1beta/models/gemini-sim:${action}`, {
        method: 'POST',
        body: JSON.stringify(contents),
      });
    }
  }
}

function fixture(file: string): string {
  return readFileSync(path.join(FIXTURES, file), 'utf8');
}

function lines(file: string): string[] {
  return fixture(file)
    .split('\n')
    .filter((line) => line !== '');
}

/** The framings of test/fixtures/providers/README.md, written out independently of the simulator. */
const openAIFraming = (file: string) =>
  lines(file)
    .map((line) => `data: ${line}\n\n`)
    .join('') + 'data: [DONE]\n\n';
const anthropicFraming = (file: string) =>
  lines(file)
    .map((line) => `event: ${(JSON.parse(line) as { type: string }).type}\ndata: ${line}\n\n`)
    .join('');
const geminiFraming = (file: string) =>
  lines(file)
    .map((line) => `data: ${line}\r\n\r\n`)
    .join('');

describe('replay of a recorded stream', () => {
  it.each<[string, Endpoint, string]>([
    ['openai/openai-text', 'openai', openAIFraming('openai/openai-text.chunks.txt')],
    ['deepseek/deepseek-tool-call', 'openai', openAIFraming('deepseek/deepseek-tool-call.chunks.txt')],
    ['groq/groq-tool-call', 'openai', openAIFraming('groq/groq-tool-call.chunks.txt')],
    ['mistral/mistral-text', 'openai', openAIFraming('mistral/mistral-text.chunks.txt')],
    ['xai/xai-tool-call', 'openai', openAIFraming('xai/xai-tool-call.chunks.txt')],
    [
      'anthropic/anthropic-json-tool.1',
      'anthropic',
      anthropicFraming('anthropic/anthropic-json-tool.1.chunks.txt'),
    ],
    ['gemini/google-text', 'gemini', geminiFraming('gemini/google-text.chunks.txt')],
    [
      'openai/openai-compatible-fallback-tool-call',
      'openai',
      fixture('openai/openai-compatible-fallback-tool-call.sse'),
    ],
  ])('%s is sent byte for byte in its family framing', async (target, endpoint, expected) => {
    const response = await request(endpoint, target, true);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(await response.text()).toBe(expected);
  });

  it('waits the inter-token latency between events', async () => {
    const started = performance.now();
    const text = await (await request('gemini', 'gemini/google-text,itl=30', true)).text();
    expect(performance.now() - started).toBeGreaterThanOrEqual(2 * 30 - 5);
    expect(text).toBe(geminiFraming('gemini/google-text.chunks.txt'));
  });
});

describe('replay of a recorded response', () => {
  it.each<[string, Endpoint]>([
    ['openai/openai-text', 'openai'],
    ['anthropic/anthropic-text', 'anthropic'],
    ['gemini/google-tool-call', 'gemini'],
  ])('%s is the .json file verbatim', async (target, endpoint) => {
    const response = await request(endpoint, target, false);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await response.text()).toBe(fixture(`${target}.json`));
  });
});

describe('replay failures', () => {
  it('answers an unknown fixture with 400 naming it, in the protocol shape', async () => {
    const response = await request('anthropic', 'anthropic/no-such-fixture', true);
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      type: 'error',
      error: {
        type: 'invalid_request_error',
        message: expect.stringContaining('replay=anthropic/no-such-fixture'),
      },
    });
  });

  it('answers a stream request for a fixture recorded only whole with 400', async () => {
    const response = await request('anthropic', 'anthropic/anthropic-claude-opus-5-reasoning-high.1', true);
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(
      /no anthropic-claude-opus-5-reasoning-high\.1\.sse or anthropic-claude-opus-5-reasoning-high\.1\.chunks\.txt/,
    );
  });

  it("refuses a fixture of another protocol's family", async () => {
    const response = await request('gemini', 'anthropic/anthropic-text', false);
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { status: string; message: string } }).error).toMatchObject({
      status: 'INVALID_ARGUMENT',
      message: expect.stringMatching(
        /replay=anthropic\/anthropic-text is not a recording of this endpoint's protocol/,
      ),
    });
  });

  it('still validates the request it replaces', async () => {
    const response = await fetch(`${simulator.url}/scenario/replay=openai/openai-text/v1/chat/completions`, {
      method: 'POST',
      body: JSON.stringify({ model: 'echo' }),
    });
    expect(response.status).toBe(400);
    await response.body?.cancel();
  });
});

describe('defaultFixturesDir', () => {
  const saved = process.env.SWITCHYARD_FIXTURES;
  afterEach(() => {
    if (saved === undefined) delete process.env.SWITCHYARD_FIXTURES;
    else process.env.SWITCHYARD_FIXTURES = saved;
  });

  it('is SWITCHYARD_FIXTURES when set, else test/fixtures/providers under the working directory', () => {
    process.env.SWITCHYARD_FIXTURES = '/data/fixtures';
    expect(defaultFixturesDir()).toBe('/data/fixtures');
    delete process.env.SWITCHYARD_FIXTURES;
    expect(defaultFixturesDir()).toBe(path.resolve(process.cwd(), 'test/fixtures/providers'));
  });
});
