import { chatJob, chatRequest } from '../shared/testing/chat-job-fixture';
import { GatewayError } from '../../contracts';
import { GeminiStreamTranslator } from './stream-translator';

const job = chatJob({
  generationId: 'gen-1-abc',
  model: 'google/gemini-3-flash-preview',
  endpoint: {
    providerId: 'google-ai-studio',
    providerName: 'Google AI Studio',
    upstreamModel: 'gemini-3-flash-preview',
  },
  request: chatRequest('google/gemini-3-flash-preview', { stream: true }),
});

const event = (parts: unknown[], extra: Record<string, unknown> = {}) =>
  JSON.stringify({ candidates: [{ content: { role: 'model', parts }, ...extra }], responseId: 'resp-1' });

/** The choices of every chunk sent, in order. */
function replay(events: string[]) {
  const translator = new GeminiStreamTranslator(job);
  const chunks = events.flatMap((data) => translator.push(data)).map((chunk) => JSON.parse(chunk));
  for (const chunk of chunks) {
    expect(chunk).toMatchObject({
      id: 'gen-1-abc',
      object: 'chat.completion.chunk',
      model: 'google/gemini-3-flash-preview',
      provider: 'Google AI Studio',
    });
  }
  return { translator, choices: chunks.map((chunk) => chunk.choices[0]) };
}

const callHeader = (index: number, name: string) => ({
  tool_calls: [{ index, id: `call_1-abc_${index}`, type: 'function', function: { name, arguments: '' } }],
});
const callArguments = (index: number, args: string) => ({
  tool_calls: [{ index, function: { arguments: args } }],
});
const open = (delta: Record<string, unknown>) => ({ index: 0, delta, finish_reason: null });

describe('GeminiStreamTranslator', () => {
  it.each([
    {
      name: 'text and thoughts, the role first, the finish last',
      events: [
        event([{ text: 'Hmm.', thought: true }]),
        event([{ text: 'Hello' }]),
        event([{ text: '', thoughtSignature: 'sig' }], { finishReason: 'STOP' }),
      ],
      choices: [
        open({ role: 'assistant', reasoning: 'Hmm.' }),
        open({ content: 'Hello' }),
        open({
          reasoning_details: [
            { type: 'reasoning.encrypted', data: 'sig', format: 'google-gemini-v1', index: 0 },
          ],
        }),
        { index: 0, delta: {}, finish_reason: 'stop', native_finish_reason: 'STOP' },
      ],
    },
    {
      name: 'whole parallel calls, header then arguments, finishing as tool_calls',
      events: [
        event([
          { functionCall: { name: 'weather', args: { city: 'Paris' } }, thoughtSignature: 'sig' },
          { functionCall: { name: 'ping' } },
        ]),
        event([{ text: '' }], { finishReason: 'STOP' }),
      ],
      choices: [
        open({
          role: 'assistant',
          ...callHeader(0, 'weather'),
          reasoning_details: [
            {
              type: 'reasoning.encrypted',
              data: 'sig',
              id: 'call_1-abc_0',
              format: 'google-gemini-v1',
              index: 0,
            },
          ],
        }),
        open(callArguments(0, '{"city":"Paris"}')),
        open(callHeader(1, 'ping')),
        open(callArguments(1, '{}')),
        { index: 0, delta: {}, finish_reason: 'tool_calls', native_finish_reason: 'STOP' },
      ],
    },
    {
      name: 'a call with streamed arguments, whose arguments come when it ends',
      events: [
        event([{ functionCall: { name: 'weather', willContinue: true } }]),
        event([
          {
            functionCall: {
              partialArgs: [{ jsonPath: '$.city', stringValue: 'Par', willContinue: true }],
              willContinue: true,
            },
          },
        ]),
        event([
          { functionCall: { partialArgs: [{ jsonPath: '$.city', stringValue: 'is' }], willContinue: true } },
        ]),
        event([{ functionCall: {} }], { finishReason: 'STOP' }),
      ],
      choices: [
        open({ role: 'assistant', ...callHeader(0, 'weather') }),
        open(callArguments(0, '{"city":"Paris"}')),
        { index: 0, delta: {}, finish_reason: 'tool_calls', native_finish_reason: 'STOP' },
      ],
    },
    {
      name: 'a streamed call left open at the end, closed before the finish',
      events: [
        event([
          {
            functionCall: {
              name: 'weather',
              willContinue: true,
              partialArgs: [{ jsonPath: '$.n', numberValue: 1 }],
            },
          },
        ]),
        event([], { finishReason: 'MAX_TOKENS' }),
      ],
      choices: [
        open({ role: 'assistant', ...callHeader(0, 'weather') }),
        open(callArguments(0, '{"n":1}')),
        { index: 0, delta: {}, finish_reason: 'length', native_finish_reason: 'MAX_TOKENS' },
      ],
    },
    {
      name: 'a blocked prompt',
      events: [
        JSON.stringify({ promptFeedback: { blockReason: 'SAFETY' }, usageMetadata: { promptTokenCount: 4 } }),
      ],
      choices: [
        {
          index: 0,
          delta: { role: 'assistant' },
          finish_reason: 'content_filter',
          native_finish_reason: 'SAFETY',
        },
      ],
    },
  ])('translates $name', ({ events, choices }) => {
    const { translator, choices: sent } = replay(events);
    expect(sent).toEqual(choices);
    expect(translator.complete).toBe(true);
  });

  it('is not complete before a finish reason, and ignores blank events', () => {
    const translator = new GeminiStreamTranslator(job);
    expect(translator.push('  ')).toEqual([]);
    translator.push(event([{ text: 'Hel' }]));
    expect(translator.complete).toBe(false);
  });

  it('prices the usage of the last event that carried it, and sums up the attempt', () => {
    const translator = new GeminiStreamTranslator(job);
    translator.push(event([{ text: 'a' }], {}));
    translator.push(
      JSON.stringify({
        candidates: [{ content: { parts: [{ text: 'b' }] }, finishReason: 'STOP' }],
        usageMetadata: { promptTokenCount: 10, candidatesTokenCount: 2, thoughtsTokenCount: 3 },
        responseId: 'resp-1',
      }),
    );
    const { usageChunk, summary } = translator.finish();
    const usage = {
      prompt_tokens: 10,
      completion_tokens: 5,
      total_tokens: 15,
      cost: 10e-6 + 10e-6,
      prompt_tokens_details: { cached_tokens: 0 },
      completion_tokens_details: { reasoning_tokens: 3 },
    };
    expect(JSON.parse(usageChunk)).toEqual({
      id: 'gen-1-abc',
      object: 'chat.completion.chunk',
      created: expect.any(Number),
      model: 'google/gemini-3-flash-preview',
      provider: 'Google AI Studio',
      choices: [],
      usage: { ...usage, cost: expect.closeTo(usage.cost, 12) },
    });
    expect(summary).toEqual({
      finishReason: 'stop',
      nativeFinishReason: 'STOP',
      usage: { ...usage, cost: expect.closeTo(usage.cost, 12) },
      upstreamId: 'resp-1',
    });
  });

  it.each([
    {
      name: 'an error event, as a retryable gateway error',
      data: JSON.stringify({
        error: { code: 503, message: 'The model is overloaded.', status: 'UNAVAILABLE' },
      }),
      message: 'Google AI Studio failed: The model is overloaded.',
      retryable: true,
    },
    {
      name: 'an event that is not JSON',
      data: '{"candidates":',
      message: 'Google AI Studio sent a response the gateway cannot read: a stream event is not JSON',
      retryable: true,
    },
    {
      name: 'an event of the wrong shape',
      data: JSON.stringify({ candidates: [{ finishReason: 7 }] }),
      message: 'Google AI Studio sent a response the gateway cannot read: candidates.0.finishReason',
      retryable: true,
    },
  ])('throws for $name', ({ data, message, retryable }) => {
    const translator = new GeminiStreamTranslator(job);
    let thrown: unknown;
    try {
      translator.push(data);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(GatewayError);
    expect((thrown as GatewayError).message).toContain(message);
    expect((thrown as GatewayError).retryable).toBe(retryable);
  });
});
