import type { GatewayError } from '../../contracts';
import { parseRetryAfter } from '../shared/parse-retry-after';
import {
  describeCommonStatus,
  errorDetail,
  parseErrorBody,
  reportedUpstreamError,
  requestRejected,
  upstreamFailed,
  upstreamHttpError,
  type ErrorDescription,
  type ProviderIdentity,
} from '../shared/upstream-error';
import { errorBodySchema } from './anthropic-api';

interface AnthropicErrorSaid {
  type: string;
  message?: string;
}

/**
 * The HTTP status Anthropic gives each error type, for errors that arrive without one: an `error`
 * event inside a stream that began with HTTP 200.
 * https://platform.claude.com/docs/en/api/errors#http-errors
 */
const STATUS_BY_ERROR_TYPE: Record<string, number> = {
  invalid_request_error: 400,
  authentication_error: 401,
  billing_error: 402,
  permission_error: 403,
  not_found_error: 404,
  request_too_large: 413,
  rate_limit_error: 429,
  api_error: 500,
  timeout_error: 504,
  overloaded_error: 529,
};

/**
 * Anthropic answers HTTP 400 `invalid_request_error` when the gateway's account is out of credit or
 * over its spend limit ("Your credit balance is too low…", "You have reached your specified API usage
 * limits…"): not the client's mistake, and another provider may still serve the model.
 */
const ACCOUNT_LIMIT = /credit balance|usage limit|spend limit/i;

/**
 * Anthropic's HTTP failure as OpenRouter reports it: a status the client can act on, whether another
 * endpoint may do better (`retryable`), and Anthropic's own words in `metadata.raw`.
 * https://platform.claude.com/docs/en/api/errors
 * https://openrouter.ai/docs/api-reference/errors
 *
 * | upstream                                         | gateway | retryable |
 * | 400 invalid_request_error                        | 400     | no        |
 * | 400 over the credit or usage limit, 402 billing  | 429     | yes       |
 * | 401 authentication, 403 permission (our key)     | 502     | no        |
 * | 404 not_found_error                              | 502     | yes       |
 * | 408, 504 timeout_error                           | 408     | yes       |
 * | 413 request_too_large                            | 413     | no        |
 * | 429 rate_limit_error                             | 429     | yes       |
 * | 500 api_error, 529 overloaded_error, other 5xx   | 502     | yes       |
 * | anything else                                    | 502     | no        |
 */
export function classifyAnthropicError(
  status: number,
  headers: Record<string, string | string[] | undefined>,
  bodyText: string,
  provider: ProviderIdentity,
  now = Date.now(),
): GatewayError {
  return upstreamHttpError(
    describe(status, readAnthropicError(parseErrorBody(bodyText)), provider),
    provider.name,
    status,
    bodyText,
    parseRetryAfter(headers, now),
  );
}

/**
 * An `{"type":"error",…}` body after an HTTP 200: an `error` event in a stream (Anthropic sends an
 * overload this way), or a whole answer. Its type says what the status would have been. Undefined
 * when the body is not an error.
 * https://platform.claude.com/docs/en/build-with-claude/streaming#error-events
 */
export function reportedAnthropicError(
  body: unknown,
  raw: string,
  provider: ProviderIdentity,
): GatewayError | undefined {
  const said = readAnthropicError(body);
  if (!said) return undefined;
  return reportedUpstreamError(
    describe(STATUS_BY_ERROR_TYPE[said.type] ?? 500, said, provider),
    provider.name,
    raw,
  );
}

function describe(
  status: number,
  said: AnthropicErrorSaid | undefined,
  provider: ProviderIdentity,
): ErrorDescription {
  const name = provider.name;
  const detail = errorDetail(said?.message, status);
  if (status === 402 || (status === 400 && ACCOUNT_LIMIT.test(said?.message ?? ''))) {
    return {
      status: 429,
      retryable: true,
      message: `${name} refuses the gateway's requests: its account is over its credit or usage limit${detail}`,
    };
  }
  if (status === 422) return requestRejected(name, detail);
  const common = describeCommonStatus(status, provider, detail);
  if (common) return common;
  if (status === 413) {
    return { status: 413, retryable: false, message: `${name} says the request is too large${detail}` };
  }
  if (status === 529 || said?.type === 'overloaded_error') {
    return { status: 502, retryable: true, message: `${name} is overloaded${detail}` };
  }
  return upstreamFailed(name, detail, status >= 500);
}

/** Type and message from Anthropic's error body; none from a body of another shape (a proxy's HTML). */
function readAnthropicError(body: unknown): AnthropicErrorSaid | undefined {
  const parsed = errorBodySchema.safeParse(body);
  if (!parsed.success) return undefined;
  const { type, message } = parsed.data.error;
  return { type, ...(message && { message }) };
}
