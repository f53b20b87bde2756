import type { KeyView } from '../../../libs/accounts';

/**
 * Who made a request: the admin key (SWITCHYARD_ADMIN_KEY), which manages keys and sees every
 * key's data but runs no inference, or an API key — managed (created through the keys API) or a
 * bootstrap key from SWITCHYARD_API_KEYS (no limit of its own).
 */
export type Principal = { kind: 'admin' } | { kind: 'key'; view: KeyView; managed: boolean };

export type KeyPrincipal = Extract<Principal, { kind: 'key' }>;

/** The key hash a request's data is filtered by; null for the admin key, which sees everything. */
export const ownerOf = (principal: Principal): string | null =>
  principal.kind === 'admin' ? null : principal.view.hash;
