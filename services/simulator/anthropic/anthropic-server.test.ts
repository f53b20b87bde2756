import Anthropic from '@anthropic-ai/sdk';
import { readUntilEnd } from '../read-until-end';
import { startSimulator, type RunningSimulator } from '../simulator-server';
import type { AnthropicErrorBody } from './anthropic-error';

let simulator: RunningSimulator;
let client: Anthropic;

beforeAll(async () => {
  simulator = await startSimulator({ port: 0, apiKey: 'sk-ant-sim' });
  client = new Anthropic({ apiKey: 'sk-ant-sim', baseURL: simulator.url, maxRetries: 0 });
});

afterAll(async () => {
  await simulator.close();
});

const HEADERS = {
  'x-api-key': 'sk-ant-sim',
  'anthropic-version': '2023-06-01',
  'content-type': 'application/json',
};
const hello = {
  model: 'claude-sim',
  max_tokens: 100,
  messages: [{ role: 'user' as const, content: 'Hello there, simulator' }],
};
const weatherTool: Anthropic.Tool = {
  name: 'get_weather',
  input_schema: {
    type: 'object',
    properties: { city: { type: 'string' }, unit: { type: 'string', enum: ['c', 'f'] } },
    required: ['city', 'unit'],
  },
};

function post(body: unknown, prefix = '', init: RequestInit = {}): Promise<Response> {
  return fetch(`${simulator.url}${prefix}/v1/messages`, {
    method: 'POST',
    headers: HEADERS,
    body: JSON.stringify(body),
    ...init,
  });
}

interface SseEvent {
  event: string;
  data: Record<string, unknown> & { type: string };
}

/** Checks Anthropic's framing (`event: <type>`, `data: <json of that type>`, a blank line) per event. */
function eventsOf(text: string): SseEvent[] {
  expect(text.endsWith('\n\n')).toBe(true);
  return text
    .slice(0, -2)
    .split('\n\n')
    .map((block) => {
      expect(block).toMatch(/^event: \w+\ndata: [^\n]+$/);
      const [eventLine, dataLine] = block.split('\n');
      const event = eventLine.slice('event: '.length);
      const data = JSON.parse(dataLine.slice('data: '.length)) as SseEvent['data'];
      expect(data.type).toBe(event);
      return { event, data };
    });
}

async function errorOf(response: Response) {
  const body = (await response.json()) as AnthropicErrorBody;
  expect(body.type).toBe('error');
  return body.error;
}

describe('messages', () => {
  it('answers in the shape of an Anthropic Message', async () => {
    const response = await post(hello);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(await response.json()).toEqual({
      model: 'claude-sim',
      id: expect.stringMatching(/^msg_sim_\w+$/),
      type: 'message',
      role: 'assistant',
      content: [{ type: 'text', text: 'Echo: Hello there, simulator' }],
      stop_reason: 'end_turn',
      stop_sequence: null,
      usage: {
        input_tokens: 4,
        cache_creation_input_tokens: 0,
        cache_read_input_tokens: 0,
        cache_creation: { ephemeral_5m_input_tokens: 0, ephemeral_1h_input_tokens: 0 },
        output_tokens: 4,
        service_tier: 'standard',
      },
    });
  });

  it('streams message_start, a text block of one delta per token, message_delta and message_stop', async () => {
    const response = await post({ ...hello, stream: true });
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    const events = eventsOf(await response.text());
    expect(events.map((e) => e.event)).toEqual([
      'message_start',
      'content_block_start',
      'ping',
      ...Array<string>(4).fill('content_block_delta'),
      'content_block_stop',
      'message_delta',
      'message_stop',
    ]);
    expect(events[1].data).toEqual({
      type: 'content_block_start',
      index: 0,
      content_block: { type: 'text', text: '' },
    });
    const deltas = events.filter((e) => e.event === 'content_block_delta').map((e) => e.data.delta);
    expect(deltas).toEqual(
      ['Echo: ', 'Hello ', 'there, ', 'simulator'].map((text) => ({ type: 'text_delta', text })),
    );
    expect(events.at(-2)!.data).toEqual({
      type: 'message_delta',
      delta: { stop_reason: 'end_turn', stop_sequence: null },
      usage: {
        input_tokens: 4,
        cache_creation_input_tokens: 0,
        cache_read_input_tokens: 0,
        output_tokens: 4,
      },
    });
  });

  it('is read by the official SDK, whole and streamed', async () => {
    const message = await client.messages.create({ ...hello, messages: [{ role: 'user', content: 'Hi' }] });
    expect(message.content).toEqual([{ type: 'text', text: 'Echo: Hi' }]);
    const stream = client.messages.stream({ ...hello, tools: [weatherTool] });
    const final = await stream.finalMessage();
    expect(final.stop_reason).toBe('tool_use');
    expect(final.content).toEqual([
      { type: 'tool_use', id: 'toolu_sim_0', name: 'get_weather', input: { city: 'example', unit: 'c' } },
    ]);
  });

  it('streams a tool call as input_json_delta fragments after an empty one', async () => {
    const events = eventsOf(await (await post({ ...hello, tools: [weatherTool], stream: true })).text());
    expect(events[1].data.content_block).toEqual({
      type: 'tool_use',
      id: 'toolu_sim_0',
      name: 'get_weather',
      input: {},
    });
    const fragments = events
      .filter((e) => e.event === 'content_block_delta')
      .map((e) => (e.data.delta as { type: string; partial_json: string }).partial_json);
    expect(fragments[0]).toBe('');
    expect(fragments.length).toBeGreaterThan(3);
    expect(JSON.parse(fragments.join(''))).toEqual({ city: 'example', unit: 'c' });
    expect((events.at(-2)!.data.delta as { stop_reason: string }).stop_reason).toBe('tool_use');
  });

  it.each<[string, Record<string, unknown>, unknown]>([
    ['a forced tool', { tool_choice: { type: 'tool', name: 'get_time' } }, 'get_time'],
    ['any tool', { tool_choice: { type: 'any' } }, 'get_weather'],
    ['no tool with none', { tool_choice: { type: 'none' } }, undefined],
  ])('answers %s', async (_name, fields, calledTool) => {
    const tools = [weatherTool, { name: 'get_time', input_schema: { type: 'object' } }];
    const body = (await (await post({ ...hello, tools, ...fields })).json()) as Anthropic.Message;
    const toolUse = body.content.find((block) => block.type === 'tool_use');
    expect(toolUse?.name).toBe(calledTool);
  });

  it('reports the tool result after a tool use round trip', async () => {
    const messages = [
      ...hello.messages,
      {
        role: 'assistant',
        content: [{ type: 'tool_use', id: 'toolu_sim_0', name: 'get_weather', input: {} }],
      },
      { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_sim_0', content: 'sunny, 21C' }] },
    ];
    const body = (await (
      await post({ ...hello, tools: [weatherTool], messages })
    ).json()) as Anthropic.Message;
    expect(body.content).toEqual([{ type: 'text', text: 'Tool result: sunny, 21C' }]);
  });

  it('stops at max_tokens with stop_reason max_tokens', async () => {
    const body = (await (await post({ ...hello, max_tokens: 2 })).json()) as Anthropic.Message;
    expect(body.content).toEqual([{ type: 'text', text: 'Echo: Hello ' }]);
    expect(body.stop_reason).toBe('max_tokens');
    expect(body.usage.output_tokens).toBe(2);
  });

  it('answers output_config.format json_schema with an example of the schema', async () => {
    const schema = { type: 'object', properties: { ok: { type: 'boolean' } }, required: ['ok'] };
    const body = (await (
      await post({ ...hello, output_config: { format: { type: 'json_schema', schema } } })
    ).json()) as Anthropic.Message;
    expect(body.content).toEqual([{ type: 'text', text: '{"ok":true}' }]);
  });
});

describe('access and validation', () => {
  it.each<[string, Record<string, string>, number, string, string]>([
    [
      'no key',
      { 'anthropic-version': '2023-06-01' },
      401,
      'authentication_error',
      'x-api-key header is required',
    ],
    [
      'a wrong key',
      { ...HEADERS, 'x-api-key': 'sk-other' },
      401,
      'authentication_error',
      'invalid x-api-key',
    ],
    [
      'no anthropic-version',
      { 'x-api-key': 'sk-ant-sim' },
      400,
      'invalid_request_error',
      'anthropic-version: header is required',
    ],
  ])('answers %s as Anthropic does', async (_name, headers, status, type, message) => {
    const response = await post(hello, '', { headers });
    expect(response.status).toBe(status);
    expect(await errorOf(response)).toEqual({ type, message });
  });

  it('rejects an invalid request with 400 invalid_request_error', async () => {
    const response = await post({ model: 'claude-sim', messages: hello.messages });
    expect(response.status).toBe(400);
    expect(await errorOf(response)).toEqual({
      type: 'invalid_request_error',
      message: 'max_tokens: Field required',
    });
  });

  it('answers an unknown path under /v1/messages with 404 not_found_error', async () => {
    const response = await fetch(`${simulator.url}/v1/messages/nope`, {
      method: 'POST',
      headers: HEADERS,
      body: '{}',
    });
    expect(response.status).toBe(404);
    expect((await errorOf(response)).type).toBe('not_found_error');
  });
});

describe('scenarios', () => {
  it.each<[number, string, string | null]>([
    [400, 'invalid_request_error', null],
    [401, 'authentication_error', null],
    [403, 'permission_error', null],
    [404, 'not_found_error', null],
    [429, 'rate_limit_error', '1'],
    [500, 'api_error', null],
    [529, 'overloaded_error', null],
  ])('fail=%i answers with an Anthropic %s body', async (status, type, retryAfter) => {
    const response = await post(hello, `/scenario/fail=${status}`);
    expect(response.status).toBe(status);
    expect(response.headers.get('retry-after')).toBe(retryAfter);
    expect(await errorOf(response)).toEqual({ type, message: expect.any(String) });
  });

  it('answers a bad scenario option in Anthropic error shape', async () => {
    const response = await post(hello, '/scenario/slow');
    expect(response.status).toBe(400);
    expect(await errorOf(response)).toEqual({
      type: 'invalid_request_error',
      message: expect.stringMatching(/Unknown scenario option 'slow'/),
    });
  });

  it('cut=2 streams the opening and two deltas, then drops the connection', async () => {
    const { text, failed } = await readUntilEnd(await post({ ...hello, stream: true }, '/scenario/cut=2'));
    expect(failed).toBe(true);
    expect(eventsOf(text).map((e) => e.event)).toEqual([
      'message_start',
      'content_block_start',
      'ping',
      'content_block_delta',
      'content_block_delta',
    ]);
  });

  it('malformed cuts the JSON of the first delta in half and keeps the framing', async () => {
    const text = await (await post({ ...hello, stream: true }, '/scenario/malformed')).text();
    const blocks = text.slice(0, -2).split('\n\n');
    expect(blocks[3]).toMatch(/^event: content_block_delta\ndata: \{"type":"content_block_d/);
    expect(() => JSON.parse(blocks[3].split('\n')[1].slice('data: '.length))).toThrow(SyntaxError);
    expect(blocks.at(-1)).toBe('event: message_stop\ndata: {"type":"message_stop"}');
  });

  it('no-usage leaves usage out of message_start, message_delta and a whole message', async () => {
    const text = await (await post({ ...hello, stream: true }, '/scenario/no-usage')).text();
    expect(eventsOf(text).at(-1)!.event).toBe('message_stop');
    expect(text).not.toContain('"usage"');
    expect(await (await post(hello, '/scenario/no-usage')).json()).not.toHaveProperty('usage');
  });

  it('itl spaces the deltas', async () => {
    const started = performance.now();
    const events = eventsOf(await (await post({ ...hello, stream: true }, '/scenario/itl=20')).text());
    expect(performance.now() - started).toBeGreaterThanOrEqual(3 * 20 - 5);
    expect(events.at(-1)!.event).toBe('message_stop');
  });

  it('stall-after=1 sends one delta, then goes silent until the client gives up', async () => {
    const response = await post({ ...hello, stream: true }, '/scenario/stall-after=1', {
      signal: AbortSignal.timeout(150),
    });
    const { text, failed } = await readUntilEnd(response);
    expect(failed).toBe(true);
    expect(
      eventsOf(text)
        .map((e) => e.event)
        .at(-1),
    ).toBe('content_block_delta');
    expect(text.split('event: content_block_delta')).toHaveLength(2);
  });
});
