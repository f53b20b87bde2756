import { classifyAnthropicError, reportedAnthropicError } from './anthropic-error';

const provider = { name: 'Anthropic', apiKeyEnv: 'ANTHROPIC_API_KEY' };
const now = Date.parse('2026-01-01T00:00:00Z');
const body = (type: string, message: string) => JSON.stringify({ type: 'error', error: { type, message } });

describe('classifyAnthropicError', () => {
  it.each([
    {
      name: 'an invalid request',
      status: 400,
      bodyText: body('invalid_request_error', 'max_tokens: Field required'),
      expected: {
        status: 400,
        retryable: false,
        message: 'Anthropic rejected the request: max_tokens: Field required',
      },
    },
    {
      name: 'a 400 that is an empty credit balance',
      status: 400,
      bodyText: body(
        'invalid_request_error',
        'Your credit balance is too low to access the Anthropic API. Please go to Plans & Billing to upgrade or purchase credits.',
      ),
      expected: { status: 429, retryable: true, message: expect.stringContaining('credit or usage limit') },
    },
    {
      name: 'a 400 that is a reached usage limit',
      status: 400,
      bodyText: body(
        'invalid_request_error',
        'You have reached your specified API usage limits. You will regain access on 2026-02-01 at 00:00 UTC.',
      ),
      expected: { status: 429, retryable: true },
    },
    {
      name: 'a billing error',
      status: 402,
      bodyText: body('billing_error', 'Payment required'),
      expected: { status: 429, retryable: true },
    },
    {
      name: 'a rejected key, naming its variable',
      status: 401,
      bodyText: body('authentication_error', 'invalid x-api-key'),
      expected: {
        status: 502,
        retryable: false,
        message: "Anthropic rejected the gateway's key (check ANTHROPIC_API_KEY): invalid x-api-key",
      },
    },
    {
      name: 'a key without permission',
      status: 403,
      bodyText: body(
        'permission_error',
        'Your API key does not have permission to use the specified resource.',
      ),
      expected: { status: 502, retryable: false, message: expect.stringContaining('ANTHROPIC_API_KEY') },
    },
    {
      name: 'an unknown model',
      status: 404,
      bodyText: body('not_found_error', 'model: claude-nope'),
      expected: {
        status: 502,
        retryable: true,
        message: 'Anthropic does not know the model or path: model: claude-nope',
      },
    },
    {
      name: 'a request too large',
      status: 413,
      bodyText: body('request_too_large', 'Request exceeds the maximum allowed number of bytes.'),
      expected: { status: 413, retryable: false },
    },
    {
      name: 'a rate limit',
      status: 429,
      bodyText: body('rate_limit_error', 'Number of request tokens has exceeded your per-minute rate limit'),
      expected: { status: 429, retryable: true, retryAfterMs: 20_000 },
    },
    {
      name: 'an internal error',
      status: 500,
      bodyText: body('api_error', 'Internal server error'),
      expected: { status: 502, retryable: true, message: 'Anthropic failed: Internal server error' },
    },
    {
      name: 'an overload',
      status: 529,
      bodyText: body('overloaded_error', 'Overloaded'),
      expected: { status: 502, retryable: true, message: 'Anthropic is overloaded: Overloaded' },
    },
    {
      name: 'a gateway timeout',
      status: 504,
      bodyText: body('timeout_error', 'Request timed out'),
      expected: { status: 408, retryable: true },
    },
    {
      name: "a proxy's HTML",
      status: 502,
      bodyText: '<html>Bad Gateway</html>',
      expected: { status: 502, retryable: true, message: 'Anthropic failed (HTTP 502)' },
    },
    {
      name: 'an unexpected status',
      status: 418,
      bodyText: '',
      expected: { status: 502, retryable: false },
    },
  ])('classifies $name', ({ status, bodyText, expected }) => {
    const headers = status === 429 ? { 'retry-after': '20' } : {};
    const error = classifyAnthropicError(status, headers, bodyText, provider, now);
    expect(error).toMatchObject(expected);
    expect(error.metadata).toEqual({ provider_name: 'Anthropic', raw: bodyText, upstream_status: status });
  });

  it('says what to fix when the catalog names no key variable', () => {
    const error = classifyAnthropicError(401, {}, body('authentication_error', 'x'), { name: 'Proxy' });
    expect(error.message).toBe("Proxy rejected the gateway's key (the catalog gives it no api_key_env): x");
  });

  it('keeps at most 4 KiB of the body', () => {
    const error = classifyAnthropicError(500, {}, 'x'.repeat(10_000), provider);
    expect(error.metadata?.raw).toHaveLength(4096);
  });
});

describe('reportedAnthropicError', () => {
  it.each([
    {
      name: 'an overload, retryable',
      type: 'overloaded_error',
      expected: { status: 502, retryable: true, message: 'Anthropic is overloaded: Overloaded' },
    },
    { name: 'an internal error, retryable', type: 'api_error', expected: { status: 502, retryable: true } },
    { name: 'a rate limit', type: 'rate_limit_error', expected: { status: 429, retryable: true } },
    {
      name: 'an invalid request',
      type: 'invalid_request_error',
      expected: { status: 400, retryable: false },
    },
    {
      name: 'an unknown type, as a failure',
      type: 'brand_new_error',
      expected: { status: 502, retryable: true },
    },
  ])('reads $name', ({ type, expected }) => {
    const raw = body(type, 'Overloaded');
    const error = reportedAnthropicError(JSON.parse(raw), raw, provider);
    expect(error).toMatchObject(expected);
    expect(error?.metadata).toEqual({ provider_name: 'Anthropic', raw });
  });

  it.each([
    { name: 'a message', body: { type: 'message', content: [] } },
    { name: 'an event', body: { type: 'ping' } },
    { name: 'text', body: 'hello' },
  ])('finds no error in $name', ({ body: value }) => {
    expect(reportedAnthropicError(value, JSON.stringify(value), provider)).toBeUndefined();
  });
});
