import type { ProviderConfig } from '../../catalog';
import { classifyGeminiError, reportedGeminiError } from './classify-error';

const provider: ProviderConfig = {
  id: 'google-ai-studio',
  name: 'Google AI Studio',
  family: 'gemini',
  baseUrl: 'https://generativelanguage.googleapis.com/v1beta',
  apiKeyEnv: 'GEMINI_API_KEY',
  headers: {},
};

const googleError = (code: number, status: string, message: string, details?: unknown[]) =>
  JSON.stringify({ error: { code, message, status, ...(details && { details }) } });
const now = Date.parse('2026-01-01T00:00:00Z');

describe('classifyGeminiError', () => {
  it.each([
    {
      upstream: 400,
      body: googleError(400, 'INVALID_ARGUMENT', 'Invalid value at contents[0]'),
      headers: {},
      status: 400,
      retryable: false,
      message: 'Google AI Studio rejected the request: Invalid value at contents[0]',
    },
    {
      upstream: 400,
      body: googleError(400, 'FAILED_PRECONDITION', 'User location is not supported for the API use.'),
      headers: {},
      status: 400,
      retryable: false,
      message: 'Google AI Studio rejected the request: User location is not supported for the API use.',
    },
    {
      upstream: 400,
      body: googleError(400, 'INVALID_ARGUMENT', 'API key not valid. Please pass a valid API key.', [
        {
          '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
          reason: 'API_KEY_INVALID',
          domain: 'googleapis.com',
        },
      ]),
      headers: {},
      status: 502,
      retryable: false,
      message:
        "Google AI Studio rejected the gateway's key (check GEMINI_API_KEY): API key not valid. Please pass a valid API key.",
    },
    {
      upstream: 403,
      body: googleError(403, 'PERMISSION_DENIED', "Method doesn't allow unregistered callers."),
      headers: {},
      status: 502,
      retryable: false,
      message:
        "Google AI Studio rejected the gateway's key (check GEMINI_API_KEY): Method doesn't allow unregistered callers.",
    },
    {
      upstream: 401,
      body: '',
      headers: {},
      status: 502,
      retryable: false,
      message: "Google AI Studio rejected the gateway's key (check GEMINI_API_KEY) (HTTP 401)",
    },
    {
      upstream: 404,
      body: googleError(404, 'NOT_FOUND', 'models/gemini-9 is not found for API version v1beta'),
      headers: {},
      status: 502,
      retryable: true,
      message:
        'Google AI Studio does not know the model or path: models/gemini-9 is not found for API version v1beta',
    },
    {
      upstream: 429,
      body: googleError(429, 'RESOURCE_EXHAUSTED', 'Quota exceeded', [
        { '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '12s' },
      ]),
      headers: { 'retry-after': '60' },
      status: 429,
      retryable: true,
      message: 'Google AI Studio is rate limiting the gateway: Quota exceeded',
      retryAfterMs: 12_000,
    },
    {
      upstream: 429,
      body: googleError(429, 'RESOURCE_EXHAUSTED', 'Quota exceeded'),
      headers: { 'Retry-After': '3' },
      status: 429,
      retryable: true,
      message: 'Google AI Studio is rate limiting the gateway: Quota exceeded',
      retryAfterMs: 3000,
    },
    {
      upstream: 500,
      body: googleError(500, 'INTERNAL', 'An internal error has occurred.'),
      headers: {},
      status: 502,
      retryable: true,
      message: 'Google AI Studio failed: An internal error has occurred.',
    },
    {
      upstream: 503,
      body: googleError(503, 'UNAVAILABLE', 'The model is overloaded. Please try again later.'),
      headers: {},
      status: 502,
      retryable: true,
      message: 'Google AI Studio failed: The model is overloaded. Please try again later.',
    },
    {
      upstream: 504,
      body: googleError(504, 'DEADLINE_EXCEEDED', 'Deadline expired before operation could complete.'),
      headers: {},
      status: 408,
      retryable: true,
      message: 'Google AI Studio timed out: Deadline expired before operation could complete.',
    },
    {
      upstream: 502,
      body: '<html>Bad Gateway</html>',
      headers: {},
      status: 502,
      retryable: true,
      message: 'Google AI Studio failed (HTTP 502)',
    },
    {
      upstream: 409,
      body: '',
      headers: {},
      status: 502,
      retryable: false,
      message: 'Google AI Studio failed (HTTP 409)',
    },
  ])(
    'classifies $upstream as $status, retryable: $retryable',
    ({ upstream, body, headers, status, retryable, message, retryAfterMs }) => {
      const error = classifyGeminiError(upstream, headers, body, provider, now);
      expect(error).toMatchObject({ status, retryable, message, retryAfterMs });
      expect(error.metadata).toEqual({
        provider_name: 'Google AI Studio',
        raw: body,
        upstream_status: upstream,
      });
    },
  );

  it('names the missing key variable when the catalog gives none', () => {
    const error = classifyGeminiError(403, {}, '', { name: 'My Gemini' }, now);
    expect(error.message).toBe(
      "My Gemini rejected the gateway's key (the catalog gives it no api_key_env) (HTTP 403)",
    );
  });

  it('keeps at most 4 KiB of the raw body', () => {
    const body = googleError(500, 'INTERNAL', 'x'.repeat(10_000));
    expect(Buffer.byteLength(String(classifyGeminiError(500, {}, body, provider, now).metadata?.raw))).toBe(
      4096,
    );
  });
});

describe('reportedGeminiError', () => {
  it.each([
    {
      name: 'an overloaded model midway',
      body: { error: { code: 503, message: 'The model is overloaded.', status: 'UNAVAILABLE' } },
      expected: {
        status: 502,
        retryable: true,
        message: 'Google AI Studio failed: The model is overloaded.',
      },
    },
    {
      name: 'an error without a code',
      body: { error: { message: 'Something broke' } },
      expected: { status: 502, retryable: true, message: 'Google AI Studio failed: Something broke' },
    },
    {
      name: 'a quota error with its delay',
      body: {
        error: {
          code: 429,
          message: 'Quota',
          details: [{ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '1.5s' }],
        },
      },
      expected: { status: 429, retryable: true, retryAfterMs: 1500 },
    },
  ])('reports $name', ({ body, expected }) => {
    const raw = JSON.stringify(body);
    const error = reportedGeminiError(body, raw, provider);
    expect(error).toMatchObject(expected);
    expect(error?.metadata).toEqual({ provider_name: 'Google AI Studio', raw });
  });

  it('says nothing of a normal chunk', () => {
    expect(reportedGeminiError({ candidates: [] }, '{"candidates":[]}', provider)).toBeUndefined();
  });
});
