import { createHash, randomBytes } from 'node:crypto';

/** Managed keys look like OpenRouter's (`sk-or-v1-` and 64 hex digits), with our own prefix. */
export const KEY_PREFIX = 'sk-sy-v1-';

/** A new key's plaintext: shown once, at creation, and never stored. */
export const generateApiKey = (): string => `${KEY_PREFIX}${randomBytes(32).toString('hex')}`;

/** A key is stored, looked up and named only by this: the SHA-256 of its plaintext, in hex. */
export const hashApiKey = (key: string): string => createHash('sha256').update(key).digest('hex');

/** The masked form OpenRouter shows as `label`: `sk-or-v1-f97...6e7`. */
export function keyLabel(key: string): string {
  const prefix = key.startsWith(KEY_PREFIX) ? KEY_PREFIX : '';
  const secret = key.slice(prefix.length);
  return `${prefix}${secret.slice(0, 3)}...${secret.slice(-3)}`;
}
