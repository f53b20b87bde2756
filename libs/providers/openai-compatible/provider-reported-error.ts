import { GatewayError } from '../../contracts';
import { readUpstreamErrorMessage } from './read-upstream-error-message';
import { truncateRaw } from '../shared/truncate-raw';

/**
 * Some providers answer HTTP 200 and put the failure in the body, or send `{"error":{…}}` as a stream
 * event. That is the provider failing like a 5xx would, so another endpoint may do better: retryable.
 * Whether a fallback is still possible (nothing sent to the client yet) is for the caller to judge.
 * https://openrouter.ai/docs/api-reference/errors
 */
export function providerReportedError(
  providerName: string,
  body: unknown,
  raw: string,
): GatewayError | undefined {
  if (typeof body !== 'object' || body === null || !('error' in body) || body.error == null) return undefined;
  return new GatewayError({
    status: 502,
    message: `${providerName} reported an error: ${readUpstreamErrorMessage(body) ?? 'no message given'}`,
    metadata: { provider_name: providerName, raw: truncateRaw(raw) },
    retryable: true,
  });
}
