import { GatewayError, type ChatJob, type ChatRequest } from '../../contracts';
import { chatJob, chatRequest } from '../shared/testing/chat-job-fixture';
import { translateCompletion } from './translate-completion';

const pricing = { prompt: 1e-6, completion: 5e-6, request: 0 };

function jobFor(request: Partial<ChatRequest> = {}): ChatJob {
  return chatJob({
    model: 'anthropic/claude-haiku-4.5',
    endpoint: {
      providerId: 'anthropic',
      providerName: 'Anthropic',
      upstreamModel: 'claude-haiku-4-5-20251001',
      pricing,
    },
    stream: false,
    request: chatRequest('anthropic/claude-haiku-4.5', request),
  });
}

const message = (fields: Record<string, unknown>) => ({
  id: 'msg_1',
  type: 'message',
  role: 'assistant',
  model: 'claude-haiku-4-5-20251001',
  content: [{ type: 'text', text: 'Hello' }],
  stop_reason: 'end_turn',
  stop_sequence: null,
  usage: { input_tokens: 10, output_tokens: 5 },
  ...fields,
});

function thrown(action: () => unknown): GatewayError {
  try {
    action();
  } catch (error) {
    if (error instanceof GatewayError) return error;
    throw error;
  }
  throw new Error('expected a GatewayError');
}

describe('translateCompletion', () => {
  it('answers with a chat.completion under the gateway id and public model', () => {
    const { body, summary } = translateCompletion(jobFor(), message({}));
    expect(JSON.parse(body)).toEqual({
      id: 'gen-1',
      object: 'chat.completion',
      created: expect.any(Number),
      model: 'anthropic/claude-haiku-4.5',
      provider: 'Anthropic',
      choices: [
        {
          index: 0,
          message: { role: 'assistant', content: 'Hello' },
          finish_reason: 'stop',
          native_finish_reason: 'end_turn',
        },
      ],
      usage: {
        prompt_tokens: 10,
        completion_tokens: 5,
        total_tokens: 15,
        cost: expect.closeTo(10e-6 + 25e-6, 12),
        prompt_tokens_details: { cached_tokens: 0, cache_write_tokens: 0 },
        completion_tokens_details: { reasoning_tokens: 0 },
      },
    });
    expect(summary).toEqual({
      finishReason: 'stop',
      nativeFinishReason: 'end_turn',
      usage: JSON.parse(body).usage,
      upstreamId: 'msg_1',
    });
  });

  it.each([
    {
      name: 'a refusal, with its explanation',
      request: {},
      upstream: message({
        content: [],
        stop_reason: 'refusal',
        stop_details: { type: 'refusal', category: 'cyber', explanation: 'Blocked under the Usage Policy.' },
      }),
      expected: {
        message: { role: 'assistant', content: null, refusal: 'Blocked under the Usage Policy.' },
        finish_reason: 'content_filter',
        native_finish_reason: 'refusal',
      },
    },
    {
      name: 'a refusal without explanation',
      request: {},
      upstream: message({ content: [], stop_reason: 'refusal', stop_details: null }),
      expected: {
        message: { role: 'assistant', content: null },
        finish_reason: 'content_filter',
        native_finish_reason: 'refusal',
      },
    },
    {
      name: 'a tool call',
      request: {},
      upstream: message({
        content: [{ type: 'tool_use', id: 'toolu_1', name: 'now', input: {} }],
        stop_reason: 'tool_use',
      }),
      expected: {
        message: {
          role: 'assistant',
          content: null,
          tool_calls: [{ id: 'toolu_1', type: 'function', function: { name: 'now', arguments: '{}' } }],
        },
        finish_reason: 'tool_calls',
        native_finish_reason: 'tool_use',
      },
    },
    {
      name: 'the json tool as text, with stop',
      request: { response_format: { type: 'json_object' as const } },
      upstream: message({
        content: [{ type: 'tool_use', id: 'toolu_1', name: 'json', input: { a: 1 } }],
        stop_reason: 'tool_use',
      }),
      expected: {
        message: { role: 'assistant', content: '{"a":1}' },
        finish_reason: 'stop',
        native_finish_reason: 'tool_use',
      },
    },
    {
      name: 'no reasoning when excluded',
      request: { reasoning: { exclude: true } },
      upstream: message({
        content: [
          { type: 'thinking', thinking: 'Hmm.', signature: 'sig' },
          { type: 'text', text: 'Yes.' },
        ],
      }),
      expected: {
        message: { role: 'assistant', content: 'Yes.' },
        finish_reason: 'stop',
        native_finish_reason: 'end_turn',
      },
    },
    {
      name: 'a cut answer',
      request: {},
      upstream: message({ stop_reason: 'max_tokens' }),
      expected: {
        message: { role: 'assistant', content: 'Hello' },
        finish_reason: 'length',
        native_finish_reason: 'max_tokens',
      },
    },
  ])('translates $name', ({ request, upstream, expected }) => {
    const { body } = translateCompletion(jobFor(request), upstream);
    expect(JSON.parse(body).choices).toEqual([{ index: 0, ...expected }]);
  });

  it('reports an error body sent with HTTP 200', () => {
    const error = thrown(() =>
      translateCompletion(jobFor(), {
        type: 'error',
        error: { type: 'overloaded_error', message: 'Overloaded' },
      }),
    );
    expect(error).toMatchObject({
      status: 502,
      retryable: true,
      message: 'Anthropic is overloaded: Overloaded',
    });
  });

  it.each([
    { name: 'a body that is no message', upstream: { type: 'completion', completion: 'Hi' } },
    { name: 'a malformed text block', upstream: message({ content: [{ type: 'text', text: 42 }] }) },
    {
      name: 'a tool call without id',
      upstream: message({ content: [{ type: 'tool_use', name: 'now', input: {} }] }),
    },
  ])('fails loudly on $name', ({ upstream }) => {
    const error = thrown(() => translateCompletion(jobFor(), upstream));
    expect(error).toMatchObject({ status: 502, retryable: true, retryScope: 'provider' });
    expect(error.message).toContain('Anthropic sent a response the gateway cannot read');
  });
});
