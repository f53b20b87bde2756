import OpenAI from 'openai';
import { startTestStack, type TestStack } from '../../libs/testing/test-stack';
import { waitForGeneration } from '../../libs/testing/wait-for-generation';
import { apiError as apiErrorOf } from '../../libs/testing/api-error';

jest.setTimeout(60_000);

/**
 * OpenRouter's provider routing through the real stack: one model served by simulator endpoints
 * at different prices, some failing; the response's top-level `provider` says which served.
 */
const ROUTING_CATALOG = `
providers:
  cheap: { name: Cheap, family: openai-compatible, base_url: '{{SIMULATOR}}/v1' }
  mid: { name: Mid, family: openai-compatible, base_url: '{{SIMULATOR}}/scenario/ttft=5/v1' }
  dear: { name: Dear, family: openai-compatible, base_url: '{{SIMULATOR}}/scenario/ttft=10/v1' }
  broken: { name: Broken, family: openai-compatible, base_url: '{{SIMULATOR}}/scenario/fail=500/v1' }
  limited: { name: Limited, family: openai-compatible, base_url: '{{SIMULATOR}}/scenario/fail=429/v1' }
models:
  test/multi:
    name: Test Multi
    context_length: 4096
    endpoints:
      - { provider: dear, upstream_model: echo, pricing: { prompt: 10, completion: 10 } }
      - { provider: mid, upstream_model: echo, pricing: { prompt: 2, completion: 2 } }
      - { provider: cheap, upstream_model: echo, pricing: { prompt: 1, completion: 1 } }
      - { provider: broken, upstream_model: echo, pricing: { prompt: 0.5, completion: 0.5 } }
      - { provider: limited, upstream_model: echo, pricing: { prompt: 0.7, completion: 0.7 } }
  test/twin:
    name: Test Twin
    context_length: 4096
    endpoints:
      - { provider: cheap, upstream_model: echo, pricing: { prompt: 1, completion: 1 } }
      - { provider: mid, upstream_model: echo, pricing: { prompt: 1, completion: 1 } }
  test/alt:
    name: Test Alt
    context_length: 4096
    endpoints:
      - { provider: dear, upstream_model: echo, pricing: { prompt: 10, completion: 10 } }
  test/limits:
    name: Test Limits
    context_length: 4096
    endpoints:
      - { provider: cheap, upstream_model: echo, pricing: { prompt: 1, completion: 1 }, max_completion_tokens: 2 }
      - { provider: dear, upstream_model: echo, pricing: { prompt: 10, completion: 10 }, max_completion_tokens: 100 }
  test/short:
    name: Test Short
    context_length: 4096
    endpoints:
      - { provider: cheap, upstream_model: echo, pricing: { prompt: 1, completion: 1 }, max_completion_tokens: 2 }
  test/tooled:
    name: Test Tooled
    context_length: 4096
    supported_parameters: [max_tokens]
    endpoints:
      - { provider: cheap, upstream_model: echo, pricing: { prompt: 1, completion: 1 } }
      - provider: dear
        upstream_model: echo
        pricing: { prompt: 10, completion: 10 }
        supported_parameters: [max_tokens, tools, tool_choice]
        zdr: true
presets:
  exp:
    variants:
      - { name: multi, weight: 1, model: test/multi, provider: { order: [mid], allow_fallbacks: false } }
      - { name: alt, weight: 1, model: test/alt }
`;

let stack: TestStack;
let client: OpenAI;

beforeAll(async () => {
  stack = await startTestStack({ catalog: ROUTING_CATALOG });
  client = new OpenAI({ baseURL: stack.baseUrl, apiKey: stack.apiKey, maxRetries: 0 });
});

afterAll(async () => {
  await stack?.stop();
});

type RoutedCompletion = OpenAI.ChatCompletion & { provider: string };

/** Sends a request with OpenRouter's routing fields, which the SDK passes through untyped. */
async function complete(routing: Record<string, unknown>): Promise<RoutedCompletion> {
  const body = { model: 'test/multi', messages: [{ role: 'user', content: 'hi' }], ...routing };
  const completion = await client.chat.completions.create(
    body as OpenAI.ChatCompletionCreateParamsNonStreaming,
  );
  return completion as RoutedCompletion;
}

const apiError = (request: Promise<unknown>) => apiErrorOf(request, OpenAI.APIError);

describe('provider routing', () => {
  it.each([
    ['provider.order', { provider: { order: ['dear', 'mid'] } }, 'Dear'],
    ['provider.only', { provider: { only: ['mid'] } }, 'Mid'],
    [
      'provider.ignore and sort by price',
      { provider: { ignore: ['broken', 'limited', 'cheap'], sort: 'price' } },
      'Mid',
    ],
    ['the :floor suffix falls back past failing cheaper endpoints', { model: 'test/multi:floor' }, 'Cheap'],
    ['a failing ordered endpoint falls back', { provider: { order: ['broken', 'mid'] } }, 'Mid'],
  ])('%s', async (_case, routing, provider) => {
    expect((await complete(routing)).provider).toBe(provider);
  });

  it('returns the failure when allow_fallbacks is false', async () => {
    const error = await apiError(complete({ provider: { order: ['broken'], allow_fallbacks: false } }));
    expect(error.status).toBe(502);
  });

  it("answers a provider's 429, when it is the final answer, with its Retry-After", async () => {
    const error = await apiError(complete({ provider: { order: ['limited'], allow_fallbacks: false } }));
    expect(error.status).toBe(429);
    expect(error.headers?.get('retry-after')).toBe('1');
  });

  it('answers 404 saying which constraint excluded which endpoint', async () => {
    const error = await apiError(
      complete({ provider: { only: ['dear', 'mid'], max_price: { prompt: 1.5 } } }),
    );
    expect(error.status).toBe(404);
    const metadata = (error.error as { metadata?: { excluded?: unknown[] } }).metadata;
    expect(metadata?.excluded).toEqual(
      expect.arrayContaining([
        { provider: 'dear', model: 'test/multi', reason: 'prompt price above provider.max_price' },
        { provider: 'cheap', model: 'test/multi', reason: 'not in provider.only' },
      ]),
    );
  });

  it('rejects a misspelt preference with 400', async () => {
    const error = await apiError(complete({ provider: { sort: 'fastest' } }));
    expect(error.status).toBe(400);
    expect(error.message).toContain('provider.sort');
  });
});

describe('parameters that change the answer', () => {
  const tools = [{ type: 'function', function: { name: 'get_weather', parameters: { type: 'object' } } }];

  it('sends a request with tools only to an endpoint that takes tools, without require_parameters', async () => {
    for (let i = 0; i < 3; i++) {
      const completion = await complete({ model: 'test/tooled', tools });
      expect(completion.provider).toBe('Dear');
      expect(completion.choices[0].finish_reason).toBe('tool_calls');
    }
    // Without tools, price balancing favours the cheap endpoint.
    const providers = new Set<string>();
    for (let i = 0; i < 6; i++) providers.add((await complete({ model: 'test/tooled' })).provider);
    expect(providers).toContain('Cheap');
  });

  it('answers 404 when no endpoint takes response_format, rather than dropping it', async () => {
    const error = await apiError(
      complete({ model: 'test/tooled', response_format: { type: 'json_object' } }),
    );
    expect(error.status).toBe(404);
    expect(JSON.stringify(error.error)).toContain('does not support response_format');
  });

  it("leaves out an endpoint whose max_completion_tokens is below the request's max_tokens", async () => {
    for (let i = 0; i < 3; i++) {
      const completion = await complete({ model: 'test/limits', max_tokens: 50 });
      expect(completion.provider).toBe('Dear');
      expect(completion.choices[0].message.content).toBe('Echo: hi');
    }
  });

  it("clamps max_tokens to the endpoint's maximum when no endpoint can give the whole answer", async () => {
    const completion = await complete({
      model: 'test/short',
      max_tokens: 1000,
      messages: [{ role: 'user', content: 'a longer question than two tokens' }],
    });
    expect(completion.choices[0].finish_reason).toBe('length');
    expect(completion.usage?.completion_tokens).toBe(2);
  });

  it('routes provider.zdr only to endpoints that retain nothing', async () => {
    for (let i = 0; i < 3; i++) {
      expect((await complete({ model: 'test/tooled', provider: { zdr: true } })).provider).toBe('Dear');
    }
    const error = await apiError(
      complete({ model: 'test/twin', provider: { enforce_distillable_text: true } }),
    );
    expect(error.status).toBe(404);
  });
});

describe('sticky sessions', () => {
  it("does not override the request's own provider.order", async () => {
    const first = await complete({
      model: 'test/twin',
      session_id: 'session-3',
      provider: { order: ['mid'] },
    });
    expect(first.provider).toBe('Mid');
    const ordered = await complete({
      model: 'test/twin',
      session_id: 'session-3',
      provider: { order: ['cheap'] },
    });
    expect(ordered.provider).toBe('Cheap');
  });

  it('keeps a session on the endpoint that served it, where balancing alone would alternate', async () => {
    const providers = new Set<string>();
    for (let i = 0; i < 8; i++) {
      providers.add((await complete({ model: 'test/twin', session_id: 'session-1' })).provider);
    }
    expect(providers.size).toBe(1);
  });

  it('pins a session to the endpoint that served it when its first choice failed', async () => {
    const first = await complete({ session_id: 'session-2', provider: { order: ['broken', 'dear'] } });
    expect(first.provider).toBe('Dear');
    // Balancing by price alone would pick the cheaper endpoints; the session stays where it was served.
    for (let i = 0; i < 4; i++) {
      expect((await complete({ session_id: 'session-2' })).provider).toBe('Dear');
    }
  });
});

describe('presets', () => {
  it('keeps a user on one variant and records it with the generation', async () => {
    const answers = await Promise.all(
      [1, 2, 3].map(() => complete({ model: '@preset/exp', user: 'user-42' })),
    );
    const served = new Set(answers.map((a) => `${a.model}@${a.provider}`));
    expect(served.size).toBe(1);
    const [answer] = answers;
    const variant = answer.model === 'test/multi' ? 'multi' : 'alt';
    expect(`${answer.model}@${answer.provider}`).toBe(
      variant === 'multi' ? 'test/multi@Mid' : 'test/alt@Dear',
    );
    const record = await waitForGeneration(stack, answer.id);
    expect(record).toMatchObject({ preset: 'exp', variant });
  });

  it('spreads users across both variants', async () => {
    const models = new Set<string>();
    for (let i = 0; i < 12 && models.size < 2; i++) {
      models.add((await complete({ model: '@preset/exp', user: `user-${i}` })).model);
    }
    expect(models).toEqual(new Set(['test/multi', 'test/alt']));
  });
});
