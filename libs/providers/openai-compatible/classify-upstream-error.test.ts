import type { ProviderConfig } from '../../catalog';
import { classifyUpstreamError } from './classify-upstream-error';

const provider: ProviderConfig = {
  id: 'openai',
  name: 'OpenAI',
  family: 'openai-compatible',
  baseUrl: 'https://api.openai.com/v1',
  apiKeyEnv: 'OPENAI_API_KEY',
  headers: {},
};

const openAiError = (message: string) => JSON.stringify({ error: { message, type: 'x', code: null } });
const now = Date.parse('2026-01-01T00:00:00Z');

describe('classifyUpstreamError', () => {
  it.each([
    {
      upstream: 400,
      body: openAiError('Bad param'),
      status: 400,
      retryable: false,
      message: 'OpenAI rejected the request: Bad param',
    },
    {
      upstream: 422,
      body: '{"detail":"Unprocessable"}',
      status: 400,
      retryable: false,
      message: 'OpenAI rejected the request: Unprocessable',
    },
    {
      upstream: 401,
      body: openAiError('Incorrect API key provided.'),
      status: 502,
      retryable: false,
      message: "OpenAI rejected the gateway's key (check OPENAI_API_KEY): Incorrect API key provided.",
    },
    {
      upstream: 403,
      body: '',
      status: 502,
      retryable: false,
      message: "OpenAI rejected the gateway's key (check OPENAI_API_KEY) (HTTP 403)",
    },
    {
      upstream: 404,
      body: openAiError('The model `gpt-9` does not exist'),
      status: 502,
      retryable: true,
      message: 'OpenAI does not know the model or path: The model `gpt-9` does not exist',
    },
    { upstream: 408, body: '', status: 408, retryable: true, message: 'OpenAI timed out (HTTP 408)' },
    {
      upstream: 504,
      body: '<html>Gateway Timeout</html>',
      status: 408,
      retryable: true,
      message: 'OpenAI timed out (HTTP 504)',
    },
    { upstream: 409, body: '', status: 502, retryable: true, message: 'OpenAI failed (HTTP 409)' },
    { upstream: 425, body: '', status: 502, retryable: true, message: 'OpenAI failed (HTTP 425)' },
    {
      upstream: 429,
      body: openAiError('Rate limit reached'),
      status: 429,
      retryable: true,
      message: 'OpenAI is rate limiting the gateway: Rate limit reached',
    },
    {
      upstream: 500,
      body: openAiError('The server had an error'),
      status: 502,
      retryable: true,
      message: 'OpenAI failed: The server had an error',
    },
    { upstream: 502, body: 'Bad Gateway', status: 502, retryable: true, message: 'OpenAI failed (HTTP 502)' },
    {
      upstream: 503,
      body: '{"error":"Service Unavailable"}',
      status: 502,
      retryable: true,
      message: 'OpenAI failed: Service Unavailable',
    },
    {
      upstream: 529,
      body: openAiError('Overloaded'),
      status: 502,
      retryable: true,
      message: 'OpenAI failed: Overloaded',
    },
    {
      upstream: 402,
      body: openAiError('Insufficient balance'),
      status: 502,
      retryable: false,
      message: 'OpenAI failed: Insufficient balance',
    },
    { upstream: 413, body: '', status: 502, retryable: false, message: 'OpenAI failed (HTTP 413)' },
  ])('maps upstream $upstream to $status', ({ upstream, body, status, retryable, message }) => {
    const error = classifyUpstreamError(upstream, {}, body, provider, now);
    expect(error).toMatchObject({ status, retryable, message, retryAfterMs: undefined });
    expect(error.metadata).toEqual({ provider_name: 'OpenAI', raw: body, upstream_status: upstream });
  });

  it.each([
    { name: 'retry-after seconds', headers: { 'retry-after': '7' }, retryAfterMs: 7000 },
    { name: 'retry-after-ms', headers: { 'retry-after-ms': '1200' }, retryAfterMs: 1200 },
    { name: 'an HTTP date', headers: { 'retry-after': 'Thu, 01 Jan 2026 00:00:05 GMT' }, retryAfterMs: 5000 },
  ])('honours $name', ({ headers, retryAfterMs }) => {
    expect(classifyUpstreamError(429, headers, '', provider, now).retryAfterMs).toBe(retryAfterMs);
  });

  it('says when the catalog names no key for the provider', () => {
    const local = { ...provider, name: 'Local', apiKeyEnv: undefined };
    expect(classifyUpstreamError(401, {}, '', local).message).toBe(
      "Local rejected the gateway's key (the catalog gives it no api_key_env) (HTTP 401)",
    );
  });

  it('truncates a large body to 4 KiB', () => {
    const error = classifyUpstreamError(500, {}, 'x'.repeat(100_000), provider);
    expect(error.metadata?.raw).toHaveLength(4096);
  });
});
