import type { ProviderConfig } from '../../catalog';
import { GatewayError } from '../../contracts';
import { truncateRaw } from './truncate-raw';

/** What error classification needs to know of a provider. */
export type ProviderIdentity = Pick<ProviderConfig, 'name' | 'apiKeyEnv'>;

/** What an upstream failure becomes, before its metadata is added. */
export interface ErrorDescription {
  status: number;
  retryable: boolean;
  message: string;
}

/** An error body as JSON, or the text itself when it is not JSON (a proxy's HTML page). */
export function parseErrorBody(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** The provider's own words after a colon, or the HTTP status when it said nothing. */
export function errorDetail(said: string | undefined, status: number): string {
  return said ? `: ${said}` : ` (HTTP ${status})`;
}

/** The client's request, rejected: another endpoint would reject it too. */
export function requestRejected(name: string, detail: string): ErrorDescription {
  return { status: 400, retryable: false, message: `${name} rejected the request${detail}` };
}

/** The client's key was fine; the gateway's key for this provider was not, which only the operator can fix. */
export function keyRejected(provider: ProviderIdentity, detail: string): ErrorDescription {
  const fix = provider.apiKeyEnv ? `check ${provider.apiKeyEnv}` : 'the catalog gives it no api_key_env';
  return {
    status: 502,
    retryable: false,
    message: `${provider.name} rejected the gateway's key (${fix})${detail}`,
  };
}

/** Any other failure: a 502, retryable when the caller judges another endpoint may do better. */
export function upstreamFailed(name: string, detail: string, retryable: boolean): ErrorDescription {
  return { status: 502, retryable, message: `${name} failed${detail}` };
}

/**
 * The statuses every provider family reads alike; undefined for any other status.
 *
 * | upstream   | gateway | retryable |
 * | 400        | 400     | no        |
 * | 401, 403   | 502     | no        |
 * | 404        | 502     | yes       |
 * | 408, 504   | 408     | yes       |
 * | 429        | 429     | yes       |
 */
export function describeCommonStatus(
  status: number,
  provider: ProviderIdentity,
  detail: string,
): ErrorDescription | undefined {
  const name = provider.name;
  if (status === 400) return requestRejected(name, detail);
  if (status === 401 || status === 403) return keyRejected(provider, detail);
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
  return undefined;
}

/** An HTTP failure as a GatewayError, with the provider's body (truncated) and status in its metadata. */
export function upstreamHttpError(
  description: ErrorDescription,
  providerName: string,
  status: number,
  bodyText: string,
  retryAfterMs: number | undefined,
): GatewayError {
  return new GatewayError({
    ...description,
    metadata: { provider_name: providerName, raw: truncateRaw(bodyText), upstream_status: status },
    retryAfterMs,
  });
}

/** A failure the provider reported in the body of an HTTP 200 (a stream event, a whole answer). */
export function reportedUpstreamError(
  description: ErrorDescription,
  providerName: string,
  raw: string,
  retryAfterMs?: number,
): GatewayError {
  return new GatewayError({
    ...description,
    metadata: { provider_name: providerName, raw: truncateRaw(raw) },
    retryAfterMs,
  });
}
