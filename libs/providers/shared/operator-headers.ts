import type { ProviderConfig } from '../../catalog';

/**
 * The catalog's extra headers of a provider, lower-cased: they go last in a request's headers, so an
 * operator's `Authorization` (or any other) replaces the worker's own instead of doubling it.
 */
export function operatorHeaders(provider: Pick<ProviderConfig, 'headers'>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(provider.headers).map(([name, value]) => [name.toLowerCase(), value]),
  );
}
