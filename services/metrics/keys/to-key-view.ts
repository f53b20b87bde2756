import type { KeyView } from '../../../libs/accounts';
import type { ApiKeyRecord } from './api-key.entity';
import type { ByokCredential } from './byok-credential.entity';

/** What ingress is told of a key (see KeyView): never its name or usage, only what admission needs. */
export function toKeyView(record: ApiKeyRecord, credentials: readonly ByokCredential[]): KeyView {
  return {
    hash: record.hash,
    disabled: record.disabled,
    expiresAt: record.expiresAt?.getTime() ?? null,
    limit: record.limit,
    limitReset: record.limitReset,
    includeByokInLimit: record.includeByokInLimit,
    rateLimit: { requests: record.rateLimitRequests, tokens: record.rateLimitTokens },
    byok: Object.fromEntries(
      credentials.map((c) => [c.providerId, { sealed: c.sealed, alwaysUse: c.alwaysUse }]),
    ),
  };
}
