import type { ApiKeyRecord } from './api-key.entity';
import type { KeyUsage } from '../../../libs/accounts';
import { spentInPeriod } from './key-usage';

/** We have one workspace; OpenRouter's clients expect its id to be a UUID. */
export const DEFAULT_WORKSPACE_ID = '00000000-0000-0000-0000-000000000000';

/**
 * A key as OpenRouter's keys API returns it (GET /keys, GET /keys/:hash, the `data` of POST and
 * PATCH), plus `rate_limit`, ours: requests and tokens per minute as set on the key (null: the
 * gateway's default; -1: none). Usage is in USD; `limit_remaining` is null without a limit.
 * https://openrouter.ai/docs/api/api-reference/api-keys/get-key
 */
export function toOpenRouterKey(record: ApiKeyRecord, usage: KeyUsage) {
  return {
    hash: record.hash,
    name: record.name,
    label: record.label,
    disabled: record.disabled,
    limit: record.limit,
    limit_remaining: limitRemaining(record, usage),
    limit_reset: record.limitReset,
    include_byok_in_limit: record.includeByokInLimit,
    ...usage,
    created_at: record.createdAt.toISOString(),
    updated_at: record.updatedAt?.toISOString() ?? null,
    expires_at: record.expiresAt?.toISOString() ?? null,
    creator_user_id: null,
    workspace_id: DEFAULT_WORKSPACE_ID,
    rate_limit: { requests: record.rateLimitRequests, tokens: record.rateLimitTokens },
  };
}

export type OpenRouterKey = ReturnType<typeof toOpenRouterKey>;

export function limitRemaining(
  record: Pick<ApiKeyRecord, 'limit' | 'limitReset' | 'includeByokInLimit'>,
  usage: KeyUsage,
): number | null {
  return record.limit === null ? null : roundUsd(Math.max(0, record.limit - spentInPeriod(usage, record)));
}

/** Dollars as stored (10 decimals), without the float noise a subtraction adds. */
export const roundUsd = (usd: number) => Math.round(usd * 1e10) / 1e10;
