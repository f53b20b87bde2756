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

function jobFor(request: Partial<ChatRequest>, stream: boolean): ChatJob {
  return {
    generationId: 'gen-1',
    attempt: 1,
    model: 'meta-llama/llama-3.3-70b-instruct',
    endpoint: {
      providerId: 'groq',
      providerName: 'Groq',
      upstreamModel: 'llama-3.3-70b-versatile',
      pricing: { prompt: 0, completion: 0, request: 0 },
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
        reasoning: { effort: 'high' },
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
});
