import { GatewayError, type ChatJob, type ChatRequest } from '../../contracts';
import { chatJob, chatRequest } from '../shared/testing/chat-job-fixture';
import { AnthropicStreamTranslator } from './stream-translator';

const format = 'anthropic-claude-v1';

function jobFor(request: Partial<ChatRequest> = {}): ChatJob {
  return chatJob({
    model: 'anthropic/claude-sonnet-5.5',
    endpoint: {
      providerId: 'anthropic',
      providerName: 'Anthropic',
      upstreamModel: 'claude-sonnet-5-5',
      pricing: { prompt: 2e-6, completion: 10e-6, request: 0 },
    },
    request: chatRequest('anthropic/claude-sonnet-5.5', request),
  });
}

const start = (usage: Record<string, unknown> = { input_tokens: 10, output_tokens: 1 }) => ({
  type: 'message_start',
  message: { id: 'msg_1', type: 'message', role: 'assistant', content: [], usage },
});
const blockStart = (index: number, block: Record<string, unknown>) => ({
  type: 'content_block_start',
  index,
  content_block: block,
});
const delta = (index: number, value: Record<string, unknown>) => ({
  type: 'content_block_delta',
  index,
  delta: value,
});
const blockStop = (index: number) => ({ type: 'content_block_stop', index });
const messageDelta = (stopReason: string, extra: Record<string, unknown> = {}) => ({
  type: 'message_delta',
  delta: { stop_reason: stopReason, stop_sequence: null, ...extra },
  usage: { output_tokens: 20 },
});
const stop = { type: 'message_stop' };

/** The `choices[0]` of every chunk the events produce, without the envelope. */
function choices(events: unknown[], request: Partial<ChatRequest> = {}): unknown[] {
  const translator = new AnthropicStreamTranslator(jobFor(request));
  return events
    .flatMap((event) => translator.push(JSON.stringify(event)))
    .map((chunk) => JSON.parse(chunk).choices[0]);
}

function thrown(action: () => unknown): GatewayError {
  try {
    action();
  } catch (error) {
    if (error instanceof GatewayError) return error;
    throw error;
  }
  throw new Error('expected a GatewayError');
}

describe('AnthropicStreamTranslator', () => {
  it('writes chunks under the gateway id and public model', () => {
    const translator = new AnthropicStreamTranslator(jobFor());
    translator.push(JSON.stringify(start()));
    const [chunk] = translator.push(JSON.stringify(blockStart(0, { type: 'text', text: 'Hi' })));
    expect(JSON.parse(chunk)).toEqual({
      id: 'gen-1',
      object: 'chat.completion.chunk',
      created: expect.any(Number),
      model: 'anthropic/claude-sonnet-5.5',
      provider: 'Anthropic',
      choices: [{ index: 0, delta: { role: 'assistant', content: 'Hi' }, finish_reason: null }],
    });
  });

  it.each<{ name: string; events: unknown[]; request?: Partial<ChatRequest>; expected: unknown[] }>([
    {
      name: 'text, then the stop reason',
      events: [
        start(),
        blockStart(0, { type: 'text', text: '' }),
        { type: 'ping' },
        delta(0, { type: 'text_delta', text: 'Hello' }),
        delta(0, { type: 'text_delta', text: '!' }),
        blockStop(0),
        messageDelta('end_turn'),
        stop,
      ],
      expected: [
        { index: 0, delta: { role: 'assistant', content: 'Hello' }, finish_reason: null },
        { index: 0, delta: { content: '!' }, finish_reason: null },
        { index: 0, delta: {}, finish_reason: 'stop', native_finish_reason: 'end_turn' },
      ],
    },
    {
      name: 'tool calls indexed among tool calls, after text',
      events: [
        start(),
        blockStart(0, { type: 'text', text: '' }),
        delta(0, { type: 'text_delta', text: 'Checking.' }),
        blockStop(0),
        blockStart(1, { type: 'tool_use', id: 'toolu_1', name: 'weather', input: {} }),
        delta(1, { type: 'input_json_delta', partial_json: '' }),
        delta(1, { type: 'input_json_delta', partial_json: '{"city":' }),
        delta(1, { type: 'input_json_delta', partial_json: '"Paris"}' }),
        blockStop(1),
        blockStart(2, { type: 'tool_use', id: 'toolu_2', name: 'now', input: {} }),
        blockStop(2),
        messageDelta('tool_use'),
        stop,
      ],
      expected: [
        { index: 0, delta: { role: 'assistant', content: 'Checking.' }, finish_reason: null },
        {
          index: 0,
          delta: {
            tool_calls: [
              { index: 0, id: 'toolu_1', type: 'function', function: { name: 'weather', arguments: '' } },
            ],
          },
          finish_reason: null,
        },
        {
          index: 0,
          delta: { tool_calls: [{ index: 0, function: { arguments: '{"city":' } }] },
          finish_reason: null,
        },
        {
          index: 0,
          delta: { tool_calls: [{ index: 0, function: { arguments: '"Paris"}' } }] },
          finish_reason: null,
        },
        {
          index: 0,
          delta: {
            tool_calls: [
              { index: 1, id: 'toolu_2', type: 'function', function: { name: 'now', arguments: '' } },
            ],
          },
          finish_reason: null,
        },
        {
          index: 0,
          delta: { tool_calls: [{ index: 1, function: { arguments: '{}' } }] },
          finish_reason: null,
        },
        { index: 0, delta: {}, finish_reason: 'tool_calls', native_finish_reason: 'tool_use' },
      ],
    },
    {
      name: 'thinking with its signature, then text',
      events: [
        start(),
        blockStart(0, { type: 'thinking', thinking: '', signature: '' }),
        delta(0, { type: 'thinking_delta', thinking: 'Let me' }),
        delta(0, { type: 'thinking_delta', thinking: ' think.' }),
        delta(0, { type: 'signature_delta', signature: 'sig-1' }),
        blockStop(0),
        blockStart(1, { type: 'redacted_thinking', data: 'EmwKAhgB' }),
        blockStop(1),
        blockStart(2, { type: 'text', text: '' }),
        delta(2, { type: 'text_delta', text: '42' }),
        blockStop(2),
        messageDelta('end_turn'),
        stop,
      ],
      expected: [
        {
          index: 0,
          delta: {
            role: 'assistant',
            reasoning: 'Let me',
            reasoning_details: [{ type: 'reasoning.text', text: 'Let me', format, index: 0 }],
          },
          finish_reason: null,
        },
        {
          index: 0,
          delta: {
            reasoning: ' think.',
            reasoning_details: [{ type: 'reasoning.text', text: ' think.', format, index: 0 }],
          },
          finish_reason: null,
        },
        {
          index: 0,
          delta: {
            reasoning_details: [{ type: 'reasoning.text', text: '', signature: 'sig-1', format, index: 0 }],
          },
          finish_reason: null,
        },
        {
          index: 0,
          delta: { reasoning_details: [{ type: 'reasoning.encrypted', data: 'EmwKAhgB', format, index: 1 }] },
          finish_reason: null,
        },
        { index: 0, delta: { content: '42' }, finish_reason: null },
        { index: 0, delta: {}, finish_reason: 'stop', native_finish_reason: 'end_turn' },
      ],
    },
    {
      name: 'no reasoning when excluded',
      request: { reasoning: { effort: 'low', exclude: true } },
      events: [
        start(),
        blockStart(0, { type: 'thinking', thinking: '', signature: '' }),
        delta(0, { type: 'thinking_delta', thinking: 'Hmm.' }),
        delta(0, { type: 'signature_delta', signature: 'sig-1' }),
        blockStop(0),
        blockStart(1, { type: 'redacted_thinking', data: 'EmwKAhgB' }),
        blockStop(1),
        blockStart(2, { type: 'text', text: 'Yes.' }),
        blockStop(2),
        messageDelta('end_turn'),
        stop,
      ],
      expected: [
        { index: 0, delta: { role: 'assistant', content: 'Yes.' }, finish_reason: null },
        { index: 0, delta: {}, finish_reason: 'stop', native_finish_reason: 'end_turn' },
      ],
    },
    {
      name: 'the json tool as text, with stop',
      request: { response_format: { type: 'json_object' } },
      events: [
        start(),
        blockStart(0, { type: 'tool_use', id: 'toolu_1', name: 'json', input: {} }),
        delta(0, { type: 'input_json_delta', partial_json: '{"a":' }),
        delta(0, { type: 'input_json_delta', partial_json: '1}' }),
        blockStop(0),
        messageDelta('tool_use'),
        stop,
      ],
      expected: [
        { index: 0, delta: { role: 'assistant', content: '{"a":' }, finish_reason: null },
        { index: 0, delta: { content: '1}' }, finish_reason: null },
        { index: 0, delta: {}, finish_reason: 'stop', native_finish_reason: 'tool_use' },
      ],
    },
    {
      name: 'an empty json tool input as {}',
      request: { response_format: { type: 'json_object' } },
      events: [
        start(),
        blockStart(0, { type: 'tool_use', id: 'toolu_1', name: 'json', input: {} }),
        blockStop(0),
        messageDelta('tool_use'),
      ],
      expected: [
        { index: 0, delta: { role: 'assistant', content: '{}' }, finish_reason: null },
        { index: 0, delta: {}, finish_reason: 'stop', native_finish_reason: 'tool_use' },
      ],
    },
    {
      name: 'a refusal with its explanation',
      events: [
        start(),
        messageDelta('refusal', {
          stop_details: { type: 'refusal', category: 'cyber', explanation: 'Blocked.' },
        }),
        stop,
      ],
      expected: [
        {
          index: 0,
          delta: { role: 'assistant', refusal: 'Blocked.' },
          finish_reason: 'content_filter',
          native_finish_reason: 'refusal',
        },
      ],
    },
    {
      name: 'blocks, deltas and events of kinds the gateway never asks for, passed over',
      events: [
        start(),
        blockStart(0, { type: 'server_tool_use', id: 'srvtoolu_1', name: 'web_search', input: {} }),
        delta(0, { type: 'input_json_delta', partial_json: '{"query":"x"}' }),
        blockStop(0),
        blockStart(1, { type: 'text', text: '' }),
        delta(1, { type: 'citations_delta', citation: { type: 'web_search_result_location' } }),
        delta(1, { type: 'text_delta', text: 'Found.' }),
        blockStop(1),
        { type: 'a_future_event', detail: 1 },
        messageDelta('end_turn'),
        stop,
      ],
      expected: [
        { index: 0, delta: { role: 'assistant', content: 'Found.' }, finish_reason: null },
        { index: 0, delta: {}, finish_reason: 'stop', native_finish_reason: 'end_turn' },
      ],
    },
    {
      name: 'a repeated message_start, passed over',
      events: [
        start(),
        start(),
        blockStart(0, { type: 'text', text: '' }),
        delta(0, { type: 'text_delta', text: 'Hi' }),
      ],
      expected: [{ index: 0, delta: { role: 'assistant', content: 'Hi' }, finish_reason: null }],
    },
  ])('translates $name', ({ events, request, expected }) => {
    expect(choices(events, request)).toEqual(expected);
  });

  it('is complete only once message_stop came', () => {
    const translator = new AnthropicStreamTranslator(jobFor());
    for (const event of [
      start(),
      blockStart(0, { type: 'text', text: 'Hi' }),
      blockStop(0),
      messageDelta('end_turn'),
    ]) {
      translator.push(JSON.stringify(event));
    }
    expect(translator.complete).toBe(false);
    translator.push(JSON.stringify(stop));
    expect(translator.complete).toBe(true);
  });

  it('prices the usage of message_start and message_delta, and sums up the attempt', () => {
    const translator = new AnthropicStreamTranslator(jobFor());
    const events = [
      start({
        input_tokens: 10,
        cache_read_input_tokens: 100,
        cache_creation_input_tokens: 5,
        output_tokens: 1,
      }),
      messageDelta('max_tokens'),
      stop,
    ];
    for (const event of events) translator.push(JSON.stringify(event));
    const { usageChunk, summary } = translator.finish();
    const usage = {
      prompt_tokens: 115,
      completion_tokens: 20,
      total_tokens: 135,
      cost: expect.closeTo(115 * 2e-6 + 20 * 10e-6, 12),
      prompt_tokens_details: { cached_tokens: 100, cache_write_tokens: 5 },
      completion_tokens_details: { reasoning_tokens: 0 },
    };
    expect(JSON.parse(usageChunk)).toEqual({
      id: 'gen-1',
      object: 'chat.completion.chunk',
      created: expect.any(Number),
      model: 'anthropic/claude-sonnet-5.5',
      provider: 'Anthropic',
      choices: [],
      usage,
    });
    expect(summary).toEqual({
      finishReason: 'length',
      nativeFinishReason: 'max_tokens',
      usage,
      upstreamId: 'msg_1',
    });
  });

  it('reports an overload in the stream as a retryable error', () => {
    const translator = new AnthropicStreamTranslator(jobFor());
    const event = { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } };
    const error = thrown(() => translator.push(JSON.stringify(event)));
    expect(error).toMatchObject({
      status: 502,
      retryable: true,
      message: 'Anthropic is overloaded: Overloaded',
    });
    expect(error.metadata).toEqual({ provider_name: 'Anthropic', raw: JSON.stringify(event) });
  });

  it.each([
    { name: 'an event that is not JSON', data: '{"type":' },
    { name: 'a text delta without text', data: JSON.stringify(delta(0, { type: 'text_delta' })) },
    {
      name: 'a delta for a block never started',
      data: JSON.stringify(delta(3, { type: 'text_delta', text: 'x' })),
    },
    {
      name: 'a block start without index',
      data: JSON.stringify({ type: 'content_block_start', content_block: { type: 'text', text: '' } }),
    },
  ])('fails loudly on $name', ({ data }) => {
    const translator = new AnthropicStreamTranslator(jobFor());
    translator.push(JSON.stringify(start()));
    translator.push(JSON.stringify(blockStart(0, { type: 'text', text: '' })));
    const error = thrown(() => translator.push(data));
    expect(error).toMatchObject({ status: 502, retryable: true, retryScope: 'provider' });
    expect(error.message).toContain('Anthropic sent a response the gateway cannot read');
  });

  it('fails loudly on a delta of the wrong kind for its block', () => {
    const translator = new AnthropicStreamTranslator(jobFor());
    translator.push(JSON.stringify(blockStart(0, { type: 'text', text: '' })));
    const error = thrown(() =>
      translator.push(JSON.stringify(delta(0, { type: 'input_json_delta', partial_json: '{' }))),
    );
    expect(error.message).toContain('input_json_delta for a text block');
  });
});
