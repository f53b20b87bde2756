import type { ProviderConfig } from '../../catalog';
import { GatewayError } from '../../contracts';
import { parseRetryAfter } from '../openai-compatible/parse-retry-after';
import { truncateRaw } from '../openai-compatible/truncate-raw';
import { readGeminiError, type GeminiError } from './read-gemini-error';

type ProviderIdentity = Pick<ProviderConfig, 'name' | 'apiKeyEnv'>;

/**
 * Gemini's HTTP failure as OpenRouter reports it: a status the client can act on, whether another
 * endpoint may do better (`retryable`), and Google's own words in `metadata.raw`. The wait comes
 * from the body's `RetryInfo` (Gemini's way), else from a `retry-after` header.
 * https://ai.google.dev/gemini-api/docs/troubleshooting#error-codes
 * https://openrouter.ai/docs/api-reference/errors
 *
 * | upstream                                          | gateway | retryable |
 * | 400 INVALID_ARGUMENT, FAILED_PRECONDITION         | 400     | no        |
 * | 400 API_KEY_INVALID, 401, 403 (our key)           | 502     | no        |
 * | 404 NOT_FOUND                                     | 502     | yes       |
 * | 408, 504 DEADLINE_EXCEEDED                        | 408     | yes       |
 * | 429 RESOURCE_EXHAUSTED                            | 429     | yes       |
 * | 500 INTERNAL, 503 UNAVAILABLE, other 5xx          | 502     | yes       |
 * | anything else                                     | 502     | no        |
 */
export function classifyGeminiError(
  status: number,
  headers: Record<string, string | string[] | undefined>,
  bodyText: string,
  provider: ProviderIdentity,
  now = Date.now(),
): GatewayError {
  const said = readGeminiError(parseJson(bodyText));
  return new GatewayError({
    ...describe(status, said, provider),
    metadata: { provider_name: provider.name, raw: truncateRaw(bodyText), upstream_status: status },
    retryAfterMs: said?.retryDelayMs ?? parseRetryAfter(headers, now),
  });
}

/**
 * An `{"error":{…}}` body after an HTTP 200, as a stream event when a stream fails midway: its code
 * says what the failure would have been as a status. Undefined when the body is not an error.
 */
export function reportedGeminiError(
  body: unknown,
  raw: string,
  provider: ProviderIdentity,
): GatewayError | undefined {
  const said = readGeminiError(body);
  if (!said) return undefined;
  return new GatewayError({
    ...describe(said.code ?? 500, said, provider),
    metadata: { provider_name: provider.name, raw: truncateRaw(raw) },
    retryAfterMs: said.retryDelayMs,
  });
}

function describe(
  status: number,
  said: GeminiError | undefined,
  provider: ProviderIdentity,
): { status: number; retryable: boolean; message: string } {
  const name = provider.name;
  const detail = said?.message ? `: ${said.message}` : ` (HTTP ${status})`;
  if (status === 401 || status === 403 || said?.keyRejected) {
    // The client's key was fine; the gateway's key for this provider was not, which only the operator can fix.
    const fix = provider.apiKeyEnv ? `check ${provider.apiKeyEnv}` : 'the catalog gives it no api_key_env';
    return { status: 502, retryable: false, message: `${name} rejected the gateway's key (${fix})${detail}` };
  }
  if (status === 400)
    return { status: 400, retryable: false, message: `${name} rejected the request${detail}` };
  if (status === 404) {
    // Usually a model this provider no longer serves under that name; another endpoint may.
    return { status: 502, retryable: true, message: `${name} does not know the model or path${detail}` };
  }
  if (status === 408 || status === 504)
    return { status: 408, retryable: true, message: `${name} timed out${detail}` };
  if (status === 429) {
    return { status: 429, retryable: true, message: `${name} is rate limiting the gateway${detail}` };
  }
  return { status: 502, retryable: status >= 500, message: `${name} failed${detail}` };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
