import type { GatewayError } from '../../contracts';
import { parseRetryAfter } from '../shared/parse-retry-after';
import {
  describeCommonStatus,
  errorDetail,
  keyRejected,
  parseErrorBody,
  reportedUpstreamError,
  upstreamFailed,
  upstreamHttpError,
  type ErrorDescription,
  type ProviderIdentity,
} from '../shared/upstream-error';
import { readGeminiError, type GeminiError } from './read-gemini-error';

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
  const said = readGeminiError(parseErrorBody(bodyText));
  return upstreamHttpError(
    describe(status, said, provider),
    provider.name,
    status,
    bodyText,
    said?.retryDelayMs ?? parseRetryAfter(headers, now),
  );
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
  return reportedUpstreamError(
    describe(said.code ?? 500, said, provider),
    provider.name,
    raw,
    said.retryDelayMs,
  );
}

function describe(
  status: number,
  said: GeminiError | undefined,
  provider: ProviderIdentity,
): ErrorDescription {
  const detail = errorDetail(said?.message, status);
  if (said?.keyRejected) return keyRejected(provider, detail);
  return (
    describeCommonStatus(status, provider, detail) ?? upstreamFailed(provider.name, detail, status >= 500)
  );
}
