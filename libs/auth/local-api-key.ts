import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/** Where a local stack keeps the key it generated at first start (git-ignored). */
export const LOCAL_API_KEY_FILE = resolve('.switchyard/api-key');

/** The generated local key: read it if it exists, else create it once. */
export function ensureLocalApiKey(file = LOCAL_API_KEY_FILE): string {
  try {
    const existing = readFileSync(file, 'utf8').trim();
    if (existing) return existing;
  } catch {
    // Missing: first start.
  }
  const key = `sy-${randomBytes(24).toString('base64url')}`;
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${key}\n`, { mode: 0o600 });
  return key;
}
