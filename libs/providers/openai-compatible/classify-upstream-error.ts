import type { ProviderConfig } from '../../catalog';
import { GatewayError } from '../../contracts';
import { parseRetryAfter } from './parse-retry-after';
import { readUpstreamErrorMessage } from './read-upstream-error-message';
import { truncateRaw } from './truncate-raw';

/**
 * A provider's HTTP failure as OpenRouter reports it: a status the client can act on, whether another
 * endpoint may do better (`retryable`), and the provider's own words in `metadata.raw`.
 * https://openrouter.ai/docs/api-reference/errors
 * https://platform.openai.com/docs/guides/error-codes#api-errors
 *
 * | upstream                     | gateway | retryable |
 * | 400, 422                     | 400     | no        |
 * | 401, 403 (our key)           | 502     | no        |
 * | 404                          | 502     | yes       |
 * | 408, 504                     | 408     | yes       |
 * | 429                          | 429     | yes       |
 * | 409, 425, 5xx (529 included) | 502     | yes       |
 * | anything else                | 502     | no        |
 */
export function classifyUpstreamError(
  status: number,
  headers: Record<string, string | string[] | undefined>,
  bodyText: string,
  provider: ProviderConfig,
  now = Date.now(),
): GatewayError {
  const said = readUpstreamErrorMessage(parseJson(bodyText));
  const detail = said ? `: ${said}` : ` (HTTP ${status})`;
  return new GatewayError({
    ...describe(status, provider, detail),
    metadata: { provider_name: provider.name, raw: truncateRaw(bodyText), upstream_status: status },
    retryAfterMs: parseRetryAfter(headers, now),
  });
}

function describe(
  status: number,
  provider: ProviderConfig,
  detail: string,
): { status: number; retryable: boolean; message: string } {
  const name = provider.name;
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
  if (status === 429) {
    return { status: 429, retryable: true, message: `${name} is rate limiting the gateway${detail}` };
  }
  const retryable = status === 409 || status === 425 || status >= 500;
  return { status: 502, retryable, message: `${name} failed${detail}` };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
