import { GatewayError } from '../../contracts';
import { chatJob, chatRequest } from '../shared/testing/chat-job-fixture';
import { StreamTranslator } from './stream-translator';

const job = chatJob({
  request: chatRequest('openai/gpt-4.1-nano', { stream: true }),
});

const envelope = {
  id: 'chatcmpl-1',
  object: 'chat.completion.chunk',
  created: 1770933892,
  model: 'gpt-4.1-nano',
};
const event = (fields: Record<string, unknown>) => JSON.stringify({ ...envelope, ...fields });
const choice = (delta: Record<string, unknown>, finishReason: string | null = null) => ({
  choices: [{ index: 0, delta, finish_reason: finishReason }],
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

describe('StreamTranslator', () => {
  it.each([
    {
      name: 'a text delta, rewritten for the client',
      data: event(choice({ content: 'Hello' })),
      sent: [
        {
          id: 'gen-1',
          object: 'chat.completion.chunk',
          created: 1770933892,
          model: 'openai/gpt-4.1-nano',
          provider: 'OpenAI',
          choices: [{ index: 0, delta: { content: 'Hello' }, finish_reason: null }],
        },
      ],
    },
    {
      name: 'a finish reason, normalised beside the native one',
      data: event(choice({}, 'end_turn')),
      sent: [
        {
          id: 'gen-1',
          object: 'chat.completion.chunk',
          created: 1770933892,
          model: 'openai/gpt-4.1-nano',
          provider: 'OpenAI',
          choices: [{ index: 0, delta: {}, finish_reason: 'stop', native_finish_reason: 'end_turn' }],
        },
      ],
    },
    {
      name: 'a usage-only chunk, held back',
      data: event({ choices: [], usage: { prompt_tokens: 1, completion_tokens: 1 } }),
      sent: [],
    },
    {
      name: 'usage on a choice chunk, left out of it',
      data: event({ ...choice({ content: '' }, 'stop'), usage: { prompt_tokens: 1, completion_tokens: 1 } }),
      sent: [
        {
          id: 'gen-1',
          object: 'chat.completion.chunk',
          created: 1770933892,
          model: 'openai/gpt-4.1-nano',
          provider: 'OpenAI',
          choices: [
            { index: 0, delta: { content: '' }, finish_reason: 'stop', native_finish_reason: 'stop' },
          ],
        },
      ],
    },
    { name: '[DONE]', data: '[DONE]', sent: [] },
    { name: 'an empty event', data: '  ', sent: [] },
  ])('sends $name', ({ data, sent }) => {
    expect(new StreamTranslator(job).push(data).map((chunk) => JSON.parse(chunk))).toEqual(sent);
  });

  it.each([
    {
      name: 'a usage-only last chunk (OpenAI)',
      events: [
        event(choice({ content: 'Hi' }, 'stop')),
        event({ choices: [], usage: { prompt_tokens: 10, completion_tokens: 5 } }),
      ],
      prompt: 10,
      completion: 5,
    },
    {
      name: 'the last choice chunk (DeepSeek, Mistral)',
      events: [
        event({ ...choice({ content: 'Hi' }, 'stop'), usage: { prompt_tokens: 7, completion_tokens: 3 } }),
      ],
      prompt: 7,
      completion: 3,
    },
    {
      name: 'x_groq.usage',
      events: [
        event({
          ...choice({}, 'stop'),
          x_groq: { id: 'req_1', usage: { prompt_tokens: 4, completion_tokens: 2 } },
        }),
      ],
      prompt: 4,
      completion: 2,
    },
    {
      name: 'a chunk before the null usage of later chunks',
      events: [
        event({ ...choice({}, 'stop'), usage: { prompt_tokens: 3, completion_tokens: 1 } }),
        event({ ...choice({}), usage: null }),
      ],
      prompt: 3,
      completion: 1,
    },
  ])('finds usage on $name', ({ events, prompt, completion }) => {
    const translator = new StreamTranslator(job);
    events.forEach((data) => translator.push(data));
    const { usageChunk, summary } = translator.finish();
    expect(JSON.parse(usageChunk)).toEqual({
      id: 'gen-1',
      object: 'chat.completion.chunk',
      created: 1770933892,
      model: 'openai/gpt-4.1-nano',
      provider: 'OpenAI',
      choices: [],
      usage: summary.usage,
    });
    expect(summary.usage).toMatchObject({
      prompt_tokens: prompt,
      completion_tokens: completion,
      total_tokens: prompt + completion,
    });
    expect(summary.usage.cost).toBeCloseTo(prompt * 1e-6 + completion * 2e-6, 12);
  });

  it('summarises the finish reason and upstream id', () => {
    const translator = new StreamTranslator(job);
    translator.push(event(choice({ role: 'assistant', content: '' })));
    translator.push(event(choice({}, 'max_tokens')));
    expect(translator.finish().summary).toMatchObject({
      finishReason: 'length',
      nativeFinishReason: 'max_tokens',
      upstreamId: 'chatcmpl-1',
    });
  });

  it('summarises a stream that never finished as having no finish reason and usage it counted', () => {
    const translator = new StreamTranslator(job);
    translator.push(event(choice({ content: 'Hel' })));
    // "Hi" and its message's 3 template tokens; "Hel", 1 token; at $1 and $2 per million.
    expect(translator.finish().summary).toEqual({
      finishReason: null,
      nativeFinishReason: null,
      usage: {
        prompt_tokens: 4,
        completion_tokens: 1,
        total_tokens: 5,
        cost: expect.closeTo(6e-6, 12),
        prompt_tokens_details: { cached_tokens: 0 },
        completion_tokens_details: { reasoning_tokens: 0 },
        usage_estimated: true,
      },
      upstreamId: 'chatcmpl-1',
    });
  });

  it('keeps one created time for the whole stream, stamping it when the provider sends 0', () => {
    const translator = new StreamTranslator(job);
    const before = Math.floor(Date.now() / 1000);
    const [first] = translator.push(event({ ...choice({ content: 'a' }), created: 0 }));
    const [second] = translator.push(event({ ...choice({ content: 'b' }), created: 1 }));
    const created = JSON.parse(first).created;
    expect(created).toBeGreaterThanOrEqual(before);
    expect(JSON.parse(second).created).toBe(created);
    expect(JSON.parse(translator.finish().usageChunk).created).toBe(created);
  });

  it('numbers whole tool calls that come without an index after those already sent', () => {
    const translator = new StreamTranslator(job);
    const call = (id: string) => ({ id, function: { name: 'weather', arguments: '{}' } });
    const indexes = [
      event(choice({ tool_calls: [call('a')] })),
      event(choice({ tool_calls: [call('b'), call('c')] })),
    ].map((data) =>
      JSON.parse(translator.push(data)[0]).choices[0].delta.tool_calls.map((c: { index: number }) => c.index),
    );
    expect(indexes).toEqual([[0], [1, 2]]);
  });

  it.each([
    { name: 'not JSON', data: 'data: {"id"', message: /a stream event is not JSON/ },
    { name: 'without choices', data: '{"id":"x"}', message: /choices: Invalid input/ },
    {
      name: 'a delta of the wrong type',
      data: event(choice({ content: 42 })),
      message: /choices\.0\.delta\.content/,
    },
  ])('rejects an event that is $name with a 502 that moves on to another provider', ({ data, message }) => {
    const error = thrown(() => new StreamTranslator(job).push(data));
    expect(error).toMatchObject({ status: 502, retryable: true, retryScope: 'provider' });
    expect(error.message).toMatch(message);
    expect(error.metadata).toEqual({ provider_name: 'OpenAI', raw: data });
  });

  it('turns an error event into a retryable 502', () => {
    const data = '{"error":{"message":"Overloaded","type":"server_error"}}';
    const error = thrown(() => new StreamTranslator(job).push(data));
    expect(error).toMatchObject({
      status: 502,
      retryable: true,
      message: 'OpenAI reported an error: Overloaded',
    });
    expect(error.metadata).toEqual({ provider_name: 'OpenAI', raw: data });
  });

  it.each([
    { name: 'reasoning.exclude', fields: { reasoning: { exclude: true } } },
    { name: 'include_reasoning: false', fields: { include_reasoning: false } },
  ])('leaves the reasoning out of every delta when the client asked with $name', ({ fields }) => {
    const translator = new StreamTranslator({ ...job, request: { ...job.request, ...fields } });
    const deltas = [
      event(choice({ role: 'assistant', content: null, reasoning_content: 'Count' })),
      event(choice({ reasoning: ' the r.' })),
      event(choice({ content: '3' }, 'stop')),
    ].map((data) => JSON.parse(translator.push(data)[0]).choices[0].delta);
    // A delta that carried only reasoning is still sent, empty: the client sees the stream alive.
    expect(deltas).toEqual([{ role: 'assistant', content: null }, {}, { content: '3' }]);
  });
});
