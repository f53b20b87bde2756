import type { ProviderConfig } from '../../catalog';
import type { ChatJob, ChatRequest } from '../../contracts';
import { buildChatRequest } from './build-chat-request';

const provider: ProviderConfig = {
  id: 'groq',
  name: 'Groq',
  family: 'openai-compatible',
  baseUrl: 'https://api.groq.com/openai/v1',
  apiKeyEnv: 'GROQ_API_KEY',
  headers: {},
};

const messages: ChatRequest['messages'] = [{ role: 'user', content: 'Hi' }];

function jobFor(
  request: Partial<ChatRequest> & Record<string, unknown>,
  stream: boolean,
  supportedParameters?: string[],
): ChatJob {
  return {
    generationId: 'gen-1',
    attempt: 1,
    model: 'meta-llama/llama-3.3-70b-instruct',
    endpoint: {
      providerId: 'groq',
      providerName: 'Groq',
      upstreamModel: 'llama-3.3-70b-versatile',
      pricing: { prompt: 0, completion: 0, request: 0 },
      ...(supportedParameters && { supportedParameters }),
    },
    stream,
    deadline: Date.now() + 60_000,
    request: { model: 'meta-llama/llama-3.3-70b-instruct', messages, ...request },
  };
}

describe('buildChatRequest', () => {
  it.each([
    {
      name: 'a plain request, addressed to the upstream model',
      request: {},
      stream: false,
      body: { model: 'llama-3.3-70b-versatile', messages, stream: false },
    },
    {
      name: 'a streaming request, asking for usage',
      request: { stream: true },
      stream: true,
      body: {
        model: 'llama-3.3-70b-versatile',
        messages,
        stream: true,
        stream_options: { include_usage: true },
      },
    },
    {
      name: "the client's stream options, merged",
      request: { stream: true, stream_options: { include_usage: false, include_obfuscation: false } },
      stream: true,
      body: {
        model: 'llama-3.3-70b-versatile',
        messages,
        stream: true,
        stream_options: { include_usage: true, include_obfuscation: false },
      },
    },
    {
      name: 'stream options without streaming, dropped',
      request: { stream_options: { include_usage: true } },
      stream: false,
      body: { model: 'llama-3.3-70b-versatile', messages, stream: false },
    },
    {
      name: 'the gateway-only fields, removed',
      request: {
        models: ['a/b', 'c/d'],
        provider: { order: ['groq'] },
        route: 'fallback' as const,
        session_id: 's-1',
        usage: { include: true },
        transforms: ['middle-out'],
        reasoning: { exclude: true },
        include_reasoning: true,
        plugins: [{ id: 'web' }],
        debug: { echo_upstream_body: true },
      },
      stream: false,
      body: { model: 'llama-3.3-70b-versatile', messages, stream: false },
    },
    {
      name: 'everything else the client sent, kept',
      request: {
        tools: [{ type: 'function' as const, function: { name: 'weather', parameters: { type: 'object' } } }],
        tool_choice: 'auto' as const,
        response_format: { type: 'json_object' as const },
        max_tokens: 100,
        temperature: 0.2,
        seed: 7,
        user: 'u-1',
        reasoning_effort: 'low',
      },
      stream: false,
      body: {
        model: 'llama-3.3-70b-versatile',
        messages,
        stream: false,
        tools: [{ type: 'function', function: { name: 'weather', parameters: { type: 'object' } } }],
        tool_choice: 'auto',
        response_format: { type: 'json_object' },
        max_tokens: 100,
        temperature: 0.2,
        seed: 7,
        user: 'u-1',
        reasoning_effort: 'low',
      },
    },
  ])('sends $name', ({ request, stream, body }) => {
    const built = buildChatRequest(jobFor(request, stream), provider, 'key');
    expect(built.url).toBe('https://api.groq.com/openai/v1/chat/completions');
    expect(JSON.parse(built.body)).toEqual(body);
  });

  it.each<{
    name: string;
    apiKey: string | undefined;
    stream: boolean;
    headers: Record<string, string>;
    expected: Record<string, string>;
  }>([
    {
      name: 'a key and a non-streaming call',
      apiKey: 'gsk-1',
      stream: false,
      headers: {},
      expected: {
        'content-type': 'application/json',
        accept: 'application/json',
        authorization: 'Bearer gsk-1',
      },
    },
    {
      name: 'no key (a local server) and a streaming call',
      apiKey: undefined,
      stream: true,
      headers: {},
      expected: { 'content-type': 'application/json', accept: 'text/event-stream' },
    },
    {
      name: "the provider's own headers",
      apiKey: 'sk-1',
      stream: false,
      headers: { 'HTTP-Referer': 'https://example.com', 'X-Title': 'Switchyard' },
      expected: {
        'content-type': 'application/json',
        accept: 'application/json',
        authorization: 'Bearer sk-1',
        'http-referer': 'https://example.com',
        'x-title': 'Switchyard',
      },
    },
    {
      name: 'an operator header that replaces ours',
      apiKey: 'sk-1',
      stream: false,
      headers: { Authorization: 'Token abc' },
      expected: {
        'content-type': 'application/json',
        accept: 'application/json',
        authorization: 'Token abc',
      },
    },
  ])('sends headers for $name', ({ apiKey, stream, headers, expected }) => {
    const built = buildChatRequest(jobFor({}, stream), { ...provider, headers }, apiKey);
    expect(built.headers).toEqual(expected);
  });

  const bodyOf = (built: { body: string }) => JSON.parse(built.body) as Record<string, unknown>;

  it.each<{
    name: string;
    provider: ProviderConfig;
    apiKey: string | undefined;
    url: string;
    headers: Record<string, string>;
  }>([
    {
      name: 'OpenAI',
      provider: {
        ...provider,
        baseUrl: 'https://api.openai.com/v1',
        maxTokensField: 'max_completion_tokens',
      },
      apiKey: 'sk-1',
      url: 'https://api.openai.com/v1/chat/completions',
      headers: { authorization: 'Bearer sk-1' },
    },
    {
      name: 'Azure OpenAI, its deployment in the path and its api-version in the query',
      provider: {
        ...provider,
        baseUrl: 'https://my-resource.openai.azure.com/openai/deployments/{model}',
        auth: 'api-key-header',
        query: { 'api-version': '2024-10-21' },
        maxTokensField: 'max_completion_tokens',
      },
      apiKey: 'az-1',
      url: 'https://my-resource.openai.azure.com/openai/deployments/llama-3.3-70b-versatile/chat/completions?api-version=2024-10-21',
      headers: { 'api-key': 'az-1' },
    },
    {
      name: 'a local server that takes no key',
      provider: { ...provider, baseUrl: 'http://127.0.0.1:11434/v1', auth: 'none' },
      apiKey: 'ignored',
      url: 'http://127.0.0.1:11434/v1/chat/completions',
      headers: {},
    },
  ])('addresses $name', ({ provider: style, apiKey, url, headers }) => {
    const built = buildChatRequest(jobFor({}, false), style, apiKey);
    expect(built.url).toBe(url);
    expect(built.headers).toEqual({
      'content-type': 'application/json',
      accept: 'application/json',
      ...headers,
    });
    // The deployment is in Azure's path; the model in the body is ignored there and kept for everyone else.
    expect(bodyOf(built).model).toBe('llama-3.3-70b-versatile');
  });

  it.each<{
    name: string;
    field?: ProviderConfig['maxTokensField'];
    request: Record<string, unknown>;
    limit: Record<string, unknown>;
  }>([
    {
      name: 'max_tokens as max_completion_tokens to OpenAI and Azure',
      field: 'max_completion_tokens',
      request: { max_tokens: 100 },
      limit: { max_completion_tokens: 100 },
    },
    {
      name: 'max_completion_tokens as max_tokens by default',
      request: { max_completion_tokens: 100 },
      limit: { max_tokens: 100 },
    },
    { name: 'no limit when the client set none', field: 'max_completion_tokens', request: {}, limit: {} },
  ])('sends $name', ({ field, request, limit }) => {
    const body = bodyOf(
      buildChatRequest(jobFor(request, false), { ...provider, maxTokensField: field }, 'k'),
    );
    expect(body).toEqual({ model: 'llama-3.3-70b-versatile', messages, stream: false, ...limit });
  });

  it.each<{
    name: string;
    request: Record<string, unknown>;
    supported?: string[];
    sent: Record<string, unknown>;
  }>([
    {
      name: "OpenRouter's effort as reasoning_effort",
      request: { reasoning: { effort: 'high' } },
      sent: { reasoning_effort: 'high' },
    },
    {
      name: 'a reasoning budget as the nearest effort to its share of the output limit',
      request: { reasoning: { max_tokens: 800 }, max_tokens: 1000 },
      sent: { reasoning_effort: 'high', max_tokens: 1000 },
    },
    {
      name: 'disabled reasoning as effort none',
      request: { reasoning: { enabled: false } },
      sent: { reasoning_effort: 'none' },
    },
    {
      name: "the reasoning object over the client's own reasoning_effort",
      request: { reasoning: { effort: 'low' }, reasoning_effort: 'high' },
      sent: { reasoning_effort: 'low' },
    },
    {
      name: "the client's reasoning_effort when the object sets no effort",
      request: { reasoning: { exclude: true }, reasoning_effort: 'high' },
      sent: { reasoning_effort: 'high' },
    },
    {
      name: 'reasoning_effort where the endpoint supports reasoning',
      request: { reasoning: { effort: 'low' }, temperature: 0.5 },
      supported: ['reasoning', 'max_tokens'],
      sent: { reasoning_effort: 'low' },
    },
    {
      name: 'no reasoning_effort where the endpoint does not support reasoning',
      request: { reasoning: { effort: 'low' }, reasoning_effort: 'high', temperature: 0.5 },
      supported: ['temperature'],
      sent: { temperature: 0.5 },
    },
    {
      name: 'only the supported parameters, under their wire names',
      request: { max_completion_tokens: 50, top_k: 40, seed: 1, tool_choice: 'auto' },
      supported: ['max_tokens', 'seed', 'tool_choice'],
      sent: { max_tokens: 50, seed: 1 },
    },
  ])('sends $name', ({ request, supported, sent }) => {
    const body = bodyOf(buildChatRequest(jobFor(request, true, supported), provider, 'k'));
    expect(body).toEqual({
      model: 'llama-3.3-70b-versatile',
      messages,
      stream: true,
      stream_options: { include_usage: true },
      ...sent,
    });
  });

  it('rejects a malformed reasoning object with a 400 before calling the provider', () => {
    expect(() => buildChatRequest(jobFor({ reasoning: { effort: 'max' } }, false), provider, 'k')).toThrow(
      expect.objectContaining({ status: 400, message: expect.stringMatching(/reasoning\.effort/) }),
    );
  });
});
