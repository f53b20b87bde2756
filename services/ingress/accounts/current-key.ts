import { NO_USAGE, type KeyUsage, type Limits } from '../../../libs/accounts';

/** What metrics answers about one key: the key as the keys API shows it (null: a bootstrap key), its usage. */
export interface KeyUsageReply {
  key: {
    label: string;
    limit: number | null;
    limit_remaining: number | null;
    limit_reset: string | null;
    include_byok_in_limit: boolean;
    expires_at: string | null;
  } | null;
  usage: KeyUsage;
  /** What counts against its limit in the current period. */
  spent: number;
}

/**
 * The `data` of OpenRouter's GET /key. `rate_limit` is real here (OpenRouter's is a deprecated
 * placeholder): requests and tokens per minute, -1 for none.
 * https://openrouter.ai/docs/api/api-reference/api-keys/get-current-key
 */
export function currentKeyBody(reply: KeyUsageReply | null, limits: Limits, label: string) {
  const key = reply?.key;
  return {
    label: key?.label ?? label,
    limit: key?.limit ?? null,
    limit_remaining: key?.limit_remaining ?? null,
    limit_reset: key?.limit_reset ?? null,
    include_byok_in_limit: key?.include_byok_in_limit ?? false,
    ...(reply?.usage ?? NO_USAGE),
    is_free_tier: false,
    is_management_key: false,
    is_provisioning_key: false,
    rate_limit: {
      requests: limits.requests ?? -1,
      tokens: limits.tokens ?? -1,
      interval: '1m',
      note: 'Requests and tokens per minute for this key; -1: no limit.',
    },
    creator_user_id: null,
    expires_at: key?.expires_at ?? null,
  };
}
