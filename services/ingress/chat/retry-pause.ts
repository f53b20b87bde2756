import type { GatewayError } from '../../../libs/contracts';

export interface ProviderFailure {
  providerId: string;
  error: GatewayError;
}

const BASE_MS = 100;
const CAP_MS = 2000;

/**
 * How long to wait before sending an attempt to `providerId`, given the attempts that failed so
 * far: nothing for a provider that has not failed (falling back is immediate); for one that has,
 * what it asked for in Retry-After, else exponential backoff with jitter (100 ms, 200 ms, … up to
 * 2 s, each between half and all of that).
 */
export function pauseBefore(
  providerId: string,
  failed: ProviderFailure[],
  random: () => number = Math.random,
): number {
  const own = failed.filter((f) => f.providerId === providerId);
  if (own.length === 0) return 0;
  const asked = Math.max(0, ...own.map((f) => f.error.retryAfterMs ?? 0));
  if (asked > 0) return asked;
  const ceiling = Math.min(BASE_MS * 2 ** (own.length - 1), CAP_MS);
  return Math.round(ceiling * (0.5 + random() / 2));
}
