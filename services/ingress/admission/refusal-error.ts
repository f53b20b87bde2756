import {
  fromNanoUsd,
  limitName,
  windowStart,
  WINDOW_MS,
  type Decision,
  type Limits,
  type LimitReset,
} from '../../../libs/accounts';
import { GatewayError } from '../../../libs/contracts';
import type { WorstCase } from './worst-case-cost';

type Refused = Extract<Decision, { ok: false }>;

export interface RefusalContext {
  keyHash: string;
  limits: Limits;
  limitReset: LimitReset | null;
  worstCase: WorstCase;
  now: number;
}

/**
 * A refused request as OpenRouter answers it: 429 with `Retry-After` and `X-RateLimit-*` (also in
 * `metadata.headers`, as strings, the reset in epoch ms) for a rate limit; 402 "requires more
 * credits, or fewer max_tokens" when its worst case does not fit what is left of the limit; 403
 * "Key limit exceeded" once the limit is used up.
 * https://openrouter.ai/docs/api-reference/limits
 */
export function refusalError(refused: Refused, context: RefusalContext): GatewayError {
  switch (refused.reason) {
    case 'requests':
    case 'tokens':
      return rateLimited(refused.reason, context);
    case 'spend':
      return refused.exhausted ? limitExhausted(context) : unaffordable(refused.available, context);
  }
}

function rateLimited(reason: 'requests' | 'tokens', { limits, now }: RefusalContext): GatewayError {
  const limit = reason === 'requests' ? limits.requests! : limits.tokens!;
  const reset = windowStart(now) + WINDOW_MS;
  const rateHeaders = rateLimitHeaders(limit, 0, reset);
  return new GatewayError({
    status: 429,
    message: `Rate limit exceeded: ${reason} per minute for this key (${limit}). `,
    metadata: { headers: rateHeaders, provider_name: null },
    retryAfterMs: reset - now,
    headers: { ...rateHeaders, 'Retry-After': String(Math.max(1, Math.ceil((reset - now) / 1000))) },
  });
}

function unaffordable(available: number, { keyHash, limitReset, worstCase }: RefusalContext): GatewayError {
  const left = fromNanoUsd(available) - worstCase.fixedCost;
  const affordable =
    worstCase.completionPrice > 0 ? Math.max(0, Math.floor(left / worstCase.completionPrice)) : 0;
  return new GatewayError({
    status: 402,
    message:
      `This request requires more credits, or fewer max_tokens. You requested up to ${worstCase.completionTokens} ` +
      `tokens, but can only afford ${affordable}. To increase, raise the key's ${limitName(limitReset)} ` +
      `(PATCH /api/v1/keys/${keyHash})`,
    metadata: { provider_name: null, limit_remaining: fromNanoUsd(available) },
  });
}

function limitExhausted({ keyHash, limitReset }: RefusalContext): GatewayError {
  return new GatewayError({
    status: 403,
    message: `Key limit exceeded (${limitName(limitReset)}). Manage it using PATCH /api/v1/keys/${keyHash}`,
  });
}

/** OpenRouter's rate-limit headers: the reset is epoch ms, every value a string. */
export function rateLimitHeaders(limit: number, remaining: number, reset: number): Record<string, string> {
  return {
    'X-RateLimit-Limit': String(limit),
    'X-RateLimit-Remaining': String(remaining),
    'X-RateLimit-Reset': String(reset),
  };
}
