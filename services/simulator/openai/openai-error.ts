import type { HttpFailure } from '../http-io';

/**
 * Error responses in OpenAI's shape, so clients of the simulator exercise the same error parsing they
 * need against the real API. https://platform.openai.com/docs/guides/error-codes
 */
export interface OpenAIErrorBody {
  error: { message: string; type: string; param: string | null; code: string | null };
}

export function openAIError(
  status: number,
  type: string,
  message: string,
  param: string | null = null,
  code: string | null = null,
  headers?: Record<string, string>,
): HttpFailure {
  return { status, body: { error: { message, type, param, code } }, headers };
}

export function invalidRequest(
  message: string,
  param: string | null = null,
  code: string | null = null,
): HttpFailure {
  return openAIError(400, 'invalid_request_error', message, param, code);
}

/** OpenAI does not echo the key back either; a mismatch says only that it is wrong. */
export function unauthorized(keyGiven: boolean): HttpFailure {
  return keyGiven
    ? openAIError(401, 'invalid_request_error', 'Incorrect API key provided.', null, 'invalid_api_key')
    : openAIError(
        401,
        'invalid_request_error',
        "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).",
      );
}

export function invalidUrl(method: string, path: string): HttpFailure {
  return openAIError(404, 'invalid_request_error', `Invalid URL (${method} ${path})`);
}

/** Retry-after of one second: long enough to be honoured, short enough for tests and benchmarks. */
const RETRY_AFTER = { 'retry-after': '1' };

/** The bodies OpenAI sends for the statuses a gateway must handle; other statuses get a generic one. */
export function simulatedFailure(status: number): HttpFailure {
  switch (status) {
    case 401:
      return unauthorized(true);
    case 403:
      return openAIError(
        403,
        'request_forbidden',
        'Country, region, or territory not supported (simulated).',
        null,
        'unsupported_country_region_territory',
      );
    case 404:
      return openAIError(
        404,
        'invalid_request_error',
        'The model does not exist or you do not have access to it (simulated).',
        null,
        'model_not_found',
      );
    case 429:
      return openAIError(
        429,
        'requests',
        'Rate limit reached for requests (simulated). Please try again in 1s.',
        null,
        'rate_limit_exceeded',
        RETRY_AFTER,
      );
    case 500:
      return openAIError(
        500,
        'server_error',
        'The server had an error while processing your request. Sorry about that! (simulated)',
      );
    case 503:
      return openAIError(
        503,
        'server_error',
        'The engine is currently overloaded, please try again later. (simulated)',
        null,
        null,
        RETRY_AFTER,
      );
    default:
      return openAIError(
        status,
        status >= 500 ? 'server_error' : 'invalid_request_error',
        `Simulated failure with status ${status}.`,
      );
  }
}
