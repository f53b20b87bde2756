import type { ProviderConfig } from '../../catalog';
import type { GatewayError } from '../../contracts';
import { parseRetryAfter } from '../shared/parse-retry-after';
import {
  describeCommonStatus,
  errorDetail,
  parseErrorBody,
  requestRejected,
  upstreamFailed,
  upstreamHttpError,
  type ErrorDescription,
} from '../shared/upstream-error';
import { readUpstreamErrorMessage } from './read-upstream-error-message';

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
  const said = readUpstreamErrorMessage(parseErrorBody(bodyText));
  const detail = errorDetail(said, status);
  return upstreamHttpError(
    describe(status, provider, detail),
    provider.name,
    status,
    bodyText,
    parseRetryAfter(headers, now),
  );
}

function describe(status: number, provider: ProviderConfig, detail: string): ErrorDescription {
  if (status === 422) return requestRejected(provider.name, detail);
  const retryable = status === 409 || status === 425 || status >= 500;
  return describeCommonStatus(status, provider, detail) ?? upstreamFailed(provider.name, detail, retryable);
}
