import type { CatalogEntry } from './catalog-entry';

/** The file a service was given, as far as the choice goes: which path, which version. */
export interface StartFile {
  path: string;
  hash: string;
}

export type CatalogChoice<F extends StartFile = StartFile> =
  /** Store the service's file: every service switches to it. */
  | { use: 'file'; why: 'no catalog stored yet' | 'file changed' | 'first start with this file'; file: F }
  | { use: 'stored'; why: 'file unchanged'; entry: CatalogEntry; file: F }
  | { use: 'stored'; why: 'watch only'; entry: CatalogEntry }
  /** Watch only, and the cluster has no catalog yet: wait for `catalog:push`. */
  | { use: 'wait' };

/**
 * Which catalog a starting service puts in force. Its file, when the file differs from the version
 * last applied or pushed from that path — so "edit the file and restart" works. Otherwise the one
 * stored in the cluster, which may be a push of another file that restarting a service must not
 * undo. A service without a file (watch mode) takes the stored one, or waits for one.
 */
export function chooseCatalog<F extends StartFile>(
  file: F | undefined,
  stored: CatalogEntry | undefined,
): CatalogChoice<F> {
  if (!file) return stored ? { use: 'stored', why: 'watch only', entry: stored } : { use: 'wait' };
  if (!stored) return { use: 'file', why: 'no catalog stored yet', file };
  const last = stored.files[file.path];
  if (last === undefined) return { use: 'file', why: 'first start with this file', file };
  return last === file.hash
    ? { use: 'stored', why: 'file unchanged', entry: stored, file }
    : { use: 'file', why: 'file changed', file };
}
