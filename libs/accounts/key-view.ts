import type { SealedCredential } from '../contracts';
import type { LimitReset } from './limit-period';

/** Requests and tokens per minute; null: the gateway's default applies; -1: no limit. */
export interface RateLimitSetting {
  requests: number | null;
  tokens: number | null;
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
