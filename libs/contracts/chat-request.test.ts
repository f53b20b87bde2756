import { chatRequestSchema, describeValidationError } from './chat-request';

const problemOf = (body: unknown) => {
  const parsed = chatRequestSchema.safeParse(body);
  if (parsed.success) throw new Error('expected the request to be rejected');
  return describeValidationError(parsed.error);
};

describe('chatRequestSchema', () => {
  it('accepts OpenAI requests with OpenRouter extensions and keeps unknown fields', () => {
    const parsed = chatRequestSchema.parse({
      model: 'a/b',
      models: ['c/d'],
      provider: { order: ['x'], allow_fallbacks: false },
      messages: [
        { role: 'system', content: 'be brief' },
        {
          role: 'user',
          content: [
            { type: 'text', text: 'hi' },
            { type: 'image_url', image_url: { url: 'https://x/y.png' } },
          ],
        },
        {
          role: 'assistant',
          content: null,
          tool_calls: [{ id: 't1', type: 'function', function: { name: 'f', arguments: '{}' } }],
        },
        { role: 'tool', tool_call_id: 't1', content: 'ok' },
      ],
      some_new_parameter: 3,
    });
    expect(parsed.some_new_parameter).toBe(3);
  });

  it.each([
    [
      'no model at all',
      { messages: [{ role: 'user', content: 'x' }] },
      'Invalid request: model: is required',
    ],
    ['no messages', { model: 'a/b' }, 'Invalid request: messages:'],
    ['empty messages', { model: 'a/b', messages: [] }, 'messages: must contain at least one message'],
    ['a bad role', { model: 'a/b', messages: [{ role: 'wizard', content: 'x' }] }, 'messages[0].role'],
    [
      'a bad temperature',
      { model: 'a/b', messages: [{ role: 'user', content: 'x' }], temperature: 7 },
      'temperature',
    ],
    [
      'a bad tool name',
      {
        model: 'a/b',
        messages: [{ role: 'user', content: 'x' }],
        tools: [{ type: 'function', function: { name: 'a b' } }],
      },
      'tools[0].function.name: must be 1-64',
    ],
    ['n > 1', { model: 'a/b', messages: [{ role: 'user', content: 'x' }], n: 2 }, 'n: only n=1 is supported'],
  ])('names the field for %s', (_case, body, expected) => {
    expect(problemOf(body)).toContain(expected);
  });
});

describe('provider preferences', () => {
  const withProvider = (provider: unknown) => ({
    model: 'a/b',
    messages: [{ role: 'user', content: 'x' }],
    provider,
  });

  it('accepts every documented field', () => {
    const provider = {
      order: ['a'],
      only: ['a', 'b'],
      ignore: ['c'],
      allow_fallbacks: false,
      require_parameters: true,
      data_collection: 'deny',
      quantizations: ['fp8', 'int4'],
      sort: { by: 'throughput', partition: 'none' },
      max_price: { prompt: 1, completion: 2, request: 0.01, image: 0.1 },
      preferred_min_throughput: { p50: 50, p90: 20 },
      preferred_max_latency: 2,
    };
    expect(chatRequestSchema.parse(withProvider(provider)).provider).toEqual(provider);
  });

  it.each([
    [{ sort: 'fastest' }, 'provider.sort: must be price, throughput or latency, or { by, partition'],
    [{ sort: { by: 'price', partition: 'provider' } }, 'provider.sort: must be price, throughput or latency'],
    [{ data_collection: 'never' }, 'provider.data_collection: must be allow or deny'],
    [{ max_price: { prompt: -1 } }, 'provider.max_price.prompt: must be USD per million tokens, 0 or more'],
    [{ max_price: { tokens: 1 } }, 'provider.max_price'],
    [
      { preferred_max_latency: 'fast' },
      'provider.preferred_max_latency: must be seconds (0 or more), or an object',
    ],
    [{ preferred_max_latency: -1 }, 'provider.preferred_max_latency: must be seconds, 0 or more'],
    [{ alow_fallbacks: false }, 'provider'],
  ])('rejects %j', (provider, problem) => {
    expect(problemOf(withProvider(provider))).toContain(problem);
  });
});
