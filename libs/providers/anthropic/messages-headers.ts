import type { ProviderConfig } from '../../catalog';
import { operatorHeaders } from '../shared/operator-headers';

/**
 * The API version the gateway speaks unless the catalog's provider headers name another. It keeps
 * `temperature`, `top_p` and `top_k`, which version 2026-10-21 removed.
 * https://platform.claude.com/docs/en/api/versioning
 */
export const DEFAULT_ANTHROPIC_VERSION = '2023-06-01';
const VERSION_WITHOUT_SAMPLING = '2026-10-21';

/**
 * Anthropic's headers: the key as `x-api-key`, the API version, JSON. The provider's catalog headers
 * come last, lower-cased, so that an operator's `Anthropic-Version` or `anthropic-beta` replaces or
 * adds to ours instead of doubling it.
 * https://platform.claude.com/docs/en/api/overview#authentication
 */
export function messagesHeaders(
  provider: Pick<ProviderConfig, 'headers'>,
  apiKey: string | undefined,
  stream: boolean,
): Record<string, string> {
  return {
    'content-type': 'application/json',
    accept: stream ? 'text/event-stream' : 'application/json',
    'anthropic-version': DEFAULT_ANTHROPIC_VERSION,
    ...(apiKey && { 'x-api-key': apiKey }),
    ...operatorHeaders(provider),
  };
}

/** Whether the API version still takes `temperature`, `top_p` and `top_k` (a 400 from 2026-10-21 on). */
export function acceptsSamplingParameters(headers: Record<string, string>): boolean {
  return (headers['anthropic-version'] ?? DEFAULT_ANTHROPIC_VERSION) < VERSION_WITHOUT_SAMPLING;
}
