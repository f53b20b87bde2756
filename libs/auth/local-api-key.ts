import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/** Where a local stack keeps the secrets it generated at first start (git-ignored). */
export const LOCAL_API_KEY_FILE = resolve('.switchyard/api-key');
export const LOCAL_ADMIN_KEY_FILE = resolve('.switchyard/admin-key');
export const LOCAL_ENCRYPTION_KEY_FILE = resolve('.switchyard/encryption-key');

/** A generated local secret: read it if it exists, else create it once (readable by its owner only). */
export function ensureLocalSecret(file: string, generate: () => string): string {
  try {
    const existing = readFileSync(file, 'utf8').trim();
    if (existing) return existing;
  } catch {
    // Missing: first start.
  }
  const secret = generate();
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}

/** The generated bootstrap key. */
export const ensureLocalApiKey = (file = LOCAL_API_KEY_FILE): string =>
  ensureLocalSecret(file, () => `sy-${randomBytes(24).toString('base64url')}`);
