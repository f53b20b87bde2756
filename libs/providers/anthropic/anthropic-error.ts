import type { ProviderConfig } from '../../catalog';
import { GatewayError } from '../../contracts';
import { parseRetryAfter } from '../openai-compatible/parse-retry-after';
import { truncateRaw } from '../openai-compatible/truncate-raw';
import { errorBodySchema } from './anthropic-api';

type ProviderIdentity = Pick<ProviderConfig, 'name' | 'apiKeyEnv'>;

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
  return new GatewayError({
    ...describe(status, readAnthropicError(parseJson(bodyText)), provider),
    metadata: { provider_name: provider.name, raw: truncateRaw(bodyText), upstream_status: status },
    retryAfterMs: parseRetryAfter(headers, now),
  });
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
  return new GatewayError({
    ...describe(STATUS_BY_ERROR_TYPE[said.type] ?? 500, said, provider),
    metadata: { provider_name: provider.name, raw: truncateRaw(raw) },
  });
}

function describe(
  status: number,
  said: AnthropicErrorSaid | undefined,
  provider: ProviderIdentity,
): { status: number; retryable: boolean; message: string } {
  const name = provider.name;
  const detail = said?.message ? `: ${said.message}` : ` (HTTP ${status})`;
  if (status === 402 || (status === 400 && ACCOUNT_LIMIT.test(said?.message ?? ''))) {
    return {
      status: 429,
      retryable: true,
      message: `${name} refuses the gateway's requests: its account is over its credit or usage limit${detail}`,
    };
  }
  if (status === 400 || status === 422) {
    return { status: 400, retryable: false, message: `${name} rejected the request${detail}` };
  }
  if (status === 401 || status === 403) {
    // The client's key was fine; the gateway's key for this provider was not, which only the operator can fix.
    const fix = provider.apiKeyEnv ? `check ${provider.apiKeyEnv}` : 'the catalog gives it no api_key_env';
    return { status: 502, retryable: false, message: `${name} rejected the gateway's key (${fix})${detail}` };
  }
  if (status === 404) {
    // Usually a model this provider no longer serves under that name; another endpoint may.
    return { status: 502, retryable: true, message: `${name} does not know the model or path${detail}` };
  }
  if (status === 408 || status === 504) {
    return { status: 408, retryable: true, message: `${name} timed out${detail}` };
  }
  if (status === 413) {
    return { status: 413, retryable: false, message: `${name} says the request is too large${detail}` };
  }
  if (status === 429) {
    return { status: 429, retryable: true, message: `${name} is rate limiting the gateway${detail}` };
  }
  if (status === 529 || said?.type === 'overloaded_error') {
    return { status: 502, retryable: true, message: `${name} is overloaded${detail}` };
  }
  return { status: 502, retryable: status >= 500, message: `${name} failed${detail}` };
}

/** Type and message from Anthropic's error body; none from a body of another shape (a proxy's HTML). */
function readAnthropicError(body: unknown): AnthropicErrorSaid | undefined {
  const parsed = errorBodySchema.safeParse(body);
  if (!parsed.success) return undefined;
  const { type, message } = parsed.data.error;
  return { type, ...(message && { message }) };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
