import type { HttpFailure } from '../http-io';

/**
 * Error responses in Anthropic's shape, `{"type":"error","error":{"type","message"}}`, with the error
 * type Anthropic pairs with each status. https://docs.claude.com/en/api/errors
 */
export interface AnthropicErrorBody {
  type: 'error';
  error: { type: string; message: string };
}

const ERROR_TYPES: Record<number, string> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  403: 'permission_error',
  404: 'not_found_error',
  413: 'request_too_large',
  429: 'rate_limit_error',
  500: 'api_error',
  529: 'overloaded_error',
};

/** Retry-after of one second: long enough to be honoured, short enough for tests and benchmarks. */
const RETRY_AFTER = { 'retry-after': '1' };

const SIMULATED_MESSAGES: Record<number, string> = {
  401: 'invalid x-api-key',
  403: 'Your API key does not have permission to use the specified resource. (simulated)',
  404: 'The requested resource could not be found. (simulated)',
  413: 'Request exceeds the maximum allowed number of bytes. (simulated)',
  429: 'This request would exceed the rate limit for your organization. (simulated)',
  500: 'Internal server error (simulated)',
  529: 'Overloaded (simulated)',
};

export function anthropicError(
  status: number,
  message: string,
  headers?: Record<string, string>,
): HttpFailure {
  const body: AnthropicErrorBody = { type: 'error', error: { type: errorTypeOf(status), message } };
  return { status, body, headers };
}

export function invalidRequest(message: string): HttpFailure {
  return anthropicError(400, message);
}

/** The real API's words for a missing and for a wrong key. */
export function unauthorized(keyGiven: boolean): HttpFailure {
  return anthropicError(401, keyGiven ? 'invalid x-api-key' : 'x-api-key header is required');
}

export function missingVersion(): HttpFailure {
  return invalidRequest('anthropic-version: header is required');
}

export function notFound(): HttpFailure {
  return anthropicError(404, 'Not Found');
}

/** 429 comes with retry-after, as Anthropic sends it; other statuses get their type and a generic message. */
export function simulatedFailure(status: number): HttpFailure {
  const message = SIMULATED_MESSAGES[status] ?? `Simulated failure with status ${status}.`;
  return anthropicError(status, message, status === 429 ? RETRY_AFTER : undefined);
}

/** Anthropic uses invalid_request_error for 4xx statuses it does not list, api_error for other 5xx. */
function errorTypeOf(status: number): string {
  return ERROR_TYPES[status] ?? (status >= 500 ? 'api_error' : 'invalid_request_error');
}
