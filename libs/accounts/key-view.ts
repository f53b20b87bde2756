import type { LimitReset } from './limit-period';

/** Requests and tokens per minute; null: the gateway's default applies; -1: no limit. */
export interface RateLimitSetting {
  requests: number | null;
  tokens: number | null;
}

/** A BYOK credential as it travels: sealed (see CredentialCipher), never in the clear. */
export interface SealedCredential {
  sealed: string;
  /**
   * OpenRouter's "Always use for this provider": when true (the default), a failure of this
   * credential is the answer; when false, the gateway's own credential for the provider is tried next.
   */
  alwaysUse: boolean;
}

/**
 * What ingress needs to know of a key to admit a request, kept in a NATS KV bucket (one entry per
 * key, under its hash) that every ingress replica watches, so no request waits on Postgres. The
 * metrics service, which owns keys in Postgres, is its only writer.
 */
export interface KeyView {
  hash: string;
  disabled: boolean;
  /** Epoch ms after which the key no longer works; null: never. */
  expiresAt: number | null;
  /** USD per period; null: unlimited. */
  limit: number | null;
  limitReset: LimitReset | null;
  includeByokInLimit: boolean;
  rateLimit: RateLimitSetting;
  /** Provider id → the key's own credential for it. */
  byok: Record<string, SealedCredential>;
}
