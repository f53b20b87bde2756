import { toNanoUsd, type KeyView, type Limits } from '../../../libs/accounts';

/** The gateway's rate limits for a key that sets none (SWITCHYARD_DEFAULT_RATE_LIMIT_*); undefined: none. */
export interface DefaultRateLimits {
  requests?: number;
  tokens?: number;
}

/** A key's limits as the books count them: its spend limit in nano-USD, its rates per minute. */
export function effectiveLimits(view: KeyView, defaults: DefaultRateLimits): Limits {
  const rate = (own: number | null, fallback: number | undefined) =>
    own === -1 ? null : (own ?? fallback ?? null);
  return {
    spend: view.limit === null ? null : toNanoUsd(view.limit),
    requests: rate(view.rateLimit.requests, defaults.requests),
    tokens: rate(view.rateLimit.tokens, defaults.tokens),
  };
}

export const isUnlimited = (limits: Limits) =>
  limits.spend === null && limits.requests === null && limits.tokens === null;
