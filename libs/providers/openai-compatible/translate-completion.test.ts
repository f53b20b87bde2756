import { GatewayError, type ChatJob } from '../../contracts';
import { chatJob } from '../shared/testing/chat-job-fixture';
import { translateCompletion } from './translate-completion';

const job = chatJob({ stream: false });

const upstream = (fields: Record<string, unknown> = {}) => ({
  id: 'chatcmpl-1',
  object: 'chat.completion',
  created: 1770933883,
  model: 'gpt-4.1-nano-2025-04-14',
  choices: [{ index: 0, message: { role: 'assistant', content: 'Hello' }, finish_reason: 'stop' }],
  usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 },
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
  it('rewrites the envelope with the gateway id, public model and provider', () => {
    const { body, summary } = translateCompletion(job, upstream());
    expect(JSON.parse(body)).toEqual({
      id: 'gen-1',
      object: 'chat.completion',
      created: 1770933883,
      model: 'openai/gpt-4.1-nano',
      provider: 'OpenAI',
      choices: [
        {
          index: 0,
          message: { role: 'assistant', content: 'Hello' },
          finish_reason: 'stop',
          native_finish_reason: 'stop',
        },
      ],
      usage: {
        prompt_tokens: 10,
        completion_tokens: 5,
        total_tokens: 15,
        cost: expect.closeTo(2e-5, 12),
        prompt_tokens_details: { cached_tokens: 0 },
        completion_tokens_details: { reasoning_tokens: 0 },
      },
    });
    expect(summary).toEqual({
      finishReason: 'stop',
      nativeFinishReason: 'stop',
      usage: JSON.parse(body).usage,
      upstreamId: 'chatcmpl-1',
    });
  });

  it.each([
    {
      name: 'a native finish reason',
      fields: {
        choices: [{ message: { content: null, tool_calls: [] }, finish_reason: 'function_call' }],
      },
      choice: {
        index: 0,
        message: { role: 'assistant', content: null },
        finish_reason: 'tool_calls',
        native_finish_reason: 'function_call',
      },
    },
    {
      name: 'a missing finish reason',
      fields: { choices: [{ index: 0, message: { content: 'Hi' } }] },
      choice: {
        index: 0,
        message: { role: 'assistant', content: 'Hi' },
        finish_reason: null,
        native_finish_reason: null,
      },
    },
    {
      name: 'logprobs the client asked for',
      fields: {
        choices: [{ index: 0, message: { content: 'Hi' }, logprobs: { content: [] }, finish_reason: 'stop' }],
      },
      choice: {
        index: 0,
        message: { role: 'assistant', content: 'Hi' },
        logprobs: { content: [] },
        finish_reason: 'stop',
        native_finish_reason: 'stop',
      },
    },
  ])('keeps $name', ({ fields, choice }) => {
    expect(JSON.parse(translateCompletion(job, upstream(fields)).body).choices).toEqual([choice]);
  });

  it.each([
    { name: 'missing', fields: { created: undefined } },
    { name: 'zero', fields: { created: 0 } },
  ])('stamps the time when created is $name', ({ fields }) => {
    const before = Math.floor(Date.now() / 1000);
    const { created } = JSON.parse(translateCompletion(job, upstream(fields)).body);
    expect(created).toBeGreaterThanOrEqual(before);
    expect(created).toBeLessThanOrEqual(Math.ceil(Date.now() / 1000));
  });

  it('counts the usage itself, and has no upstream id, when the provider gives neither', () => {
    const { body, summary } = translateCompletion(job, upstream({ id: undefined, usage: undefined }));
    // "Hi" and its message's 3 template tokens; "Hello", 1 token.
    expect(JSON.parse(body).usage).toMatchObject({
      prompt_tokens: 4,
      completion_tokens: 1,
      total_tokens: 5,
      usage_estimated: true,
    });
    expect(summary.usage).toEqual(JSON.parse(body).usage);
    expect(summary.upstreamId).toBeNull();
  });

  it.each([
    {
      name: 'no choices',
      body: upstream({ choices: [] }),
      message: /choices: a completion needs at least one choice/,
    },
    {
      name: 'a message that is not an object',
      body: upstream({ choices: [{ message: 'Hello' }] }),
      message: /choices\.0\.message/,
    },
    { name: 'a number', body: 42, message: /cannot read/ },
    { name: 'nothing', body: undefined, message: /cannot read/ },
  ])('rejects $name with a 502 carrying the raw body', ({ body, message }) => {
    const error = thrown(() => translateCompletion(job, body));
    expect(error).toMatchObject({ status: 502, retryable: true, retryScope: 'provider' });
    expect(error.message).toMatch(message);
    expect(error.metadata).toEqual({ provider_name: 'OpenAI', raw: JSON.stringify(body) ?? 'undefined' });
  });

  it('turns an error body sent with HTTP 200 into a retryable 502', () => {
    const body = { error: { message: 'Internal error', code: 500 } };
    const error = thrown(() => translateCompletion(job, body));
    expect(error).toMatchObject({
      status: 502,
      retryable: true,
      message: 'OpenAI reported an error: Internal error',
    });
    expect(error.metadata).toEqual({ provider_name: 'OpenAI', raw: JSON.stringify(body) });
  });

  it.each([
    { name: 'reasoning.exclude', fields: { reasoning: { exclude: true } } },
    { name: 'include_reasoning: false', fields: { include_reasoning: false } },
  ])('leaves the reasoning out of the message when the client asked with $name', ({ fields }) => {
    const excluding: ChatJob = { ...job, request: { ...job.request, ...fields } };
    const body = upstream({
      choices: [{ message: { content: '3', reasoning_content: 'Count the r.' }, finish_reason: 'stop' }],
      usage: { prompt_tokens: 5, completion_tokens: 9, completion_tokens_details: { reasoning_tokens: 8 } },
    });
    const { choices, usage } = JSON.parse(translateCompletion(excluding, body).body);
    expect(choices[0].message).toEqual({ role: 'assistant', content: '3' });
    // The reasoning was still done and is still paid for.
    expect(usage.completion_tokens_details).toEqual({ reasoning_tokens: 8 });
  });
});
