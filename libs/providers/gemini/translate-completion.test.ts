import { chatJob } from '../shared/testing/chat-job-fixture';
import { GatewayError } from '../../contracts';
import { translateCompletion } from './translate-completion';

const pricing = { prompt: 1e-6, completion: 2e-6, request: 0 };
const job = chatJob({
  generationId: 'gen-1-abc',
  model: 'google/gemini-2.5-flash',
  endpoint: {
    providerId: 'google-ai-studio',
    providerName: 'Google AI Studio',
    upstreamModel: 'gemini-2.5-flash',
    pricing,
  },
  stream: false,
});

const usage = { promptTokenCount: 10, candidatesTokenCount: 5, thoughtsTokenCount: 3 };
const expectedUsage = {
  prompt_tokens: 10,
  completion_tokens: 8,
  total_tokens: 18,
  cost: expect.closeTo(10e-6 + 16e-6, 12),
  prompt_tokens_details: { cached_tokens: 0 },
  completion_tokens_details: { reasoning_tokens: 3 },
};

describe('translateCompletion', () => {
  it.each([
    {
      name: 'a text answer',
      upstream: {
        candidates: [
          { content: { role: 'model', parts: [{ text: 'Hello' }] }, finishReason: 'STOP', index: 0 },
        ],
        usageMetadata: usage,
        responseId: 'resp-1',
      },
      message: { role: 'assistant', content: 'Hello' },
      finish: 'stop',
      native: 'STOP',
      upstreamId: 'resp-1',
    },
    {
      name: 'a function call, finishing as tool_calls',
      upstream: {
        candidates: [
          {
            content: { role: 'model', parts: [{ functionCall: { name: 'ping', args: {} } }] },
            finishReason: 'STOP',
          },
        ],
        usageMetadata: usage,
      },
      message: {
        role: 'assistant',
        content: null,
        tool_calls: [{ id: 'call_1-abc_0', type: 'function', function: { name: 'ping', arguments: '{}' } }],
      },
      finish: 'tool_calls',
      native: 'STOP',
      upstreamId: null,
    },
    {
      name: 'an answer cut by the token limit',
      upstream: {
        candidates: [{ content: { parts: [{ text: 'Once upon' }] }, finishReason: 'MAX_TOKENS' }],
        usageMetadata: usage,
      },
      message: { role: 'assistant', content: 'Once upon' },
      finish: 'length',
      native: 'MAX_TOKENS',
      upstreamId: null,
    },
    {
      name: 'an answer stopped for safety, without content',
      upstream: { candidates: [{ finishReason: 'SAFETY' }], usageMetadata: usage },
      message: { role: 'assistant', content: '' },
      finish: 'content_filter',
      native: 'SAFETY',
      upstreamId: null,
    },
    {
      name: 'a blocked prompt',
      upstream: { promptFeedback: { blockReason: 'PROHIBITED_CONTENT' }, usageMetadata: usage },
      message: { role: 'assistant', content: '' },
      finish: 'content_filter',
      native: 'PROHIBITED_CONTENT',
      upstreamId: null,
    },
  ])('translates $name', ({ upstream, message, finish, native, upstreamId }) => {
    const before = Math.floor(Date.now() / 1000);
    const { body, summary } = translateCompletion(job, upstream);
    const completion = JSON.parse(body);
    expect(completion).toEqual({
      id: 'gen-1-abc',
      object: 'chat.completion',
      created: expect.any(Number),
      model: 'google/gemini-2.5-flash',
      provider: 'Google AI Studio',
      choices: [{ index: 0, message, finish_reason: finish, native_finish_reason: native }],
      usage: expectedUsage,
    });
    expect(completion.created).toBeGreaterThanOrEqual(before);
    expect(summary).toEqual({
      finishReason: finish,
      nativeFinishReason: native,
      usage: expectedUsage,
      upstreamId,
    });
  });

  it('throws a retryable error for an error body', () => {
    const translate = () => translateCompletion(job, { error: { code: 503, message: 'Overloaded' } });
    expect(translate).toThrow(GatewayError);
    expect(translate).toThrow('Google AI Studio failed: Overloaded');
  });

  it('refuses a body it cannot read, naming the field', () => {
    const translate = () =>
      translateCompletion(job, { candidates: [{ content: { parts: [{ text: 42 }] } }] });
    expect(translate).toThrow(
      'Google AI Studio sent a response the gateway cannot read: candidates.0.content.parts.0.text',
    );
  });
});
