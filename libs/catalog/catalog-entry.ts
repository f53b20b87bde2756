import { createHash } from 'node:crypto';
import { relative, resolve, sep } from 'node:path';
import { z } from 'zod';

/**
 * The catalog in force, as stored in the cluster's bucket: the YAML and where it came from. `files`
 * remembers, for each catalog file path, the hash last applied or pushed from it, so that a service
 * restarted with its file can tell "edited since" (apply it) from "unchanged" (keep what is stored,
 * which may be a push of another file).
 */
const catalogEntrySchema = z.object({
  yaml: z.string(),
  /** `file`: a service applied its file at start; `push`: `catalog:push`. */
  source: z.enum(['file', 'push']),
  path: z.string(),
  /** SHA-256 of the file's bytes, before `${VAR}` interpolation (each service interpolates its own). */
  fileHash: z.string(),
  /** When it was stored (ISO 8601). */
  at: z.string(),
  files: z.record(z.string(), z.string()),
});

export type CatalogEntry = z.infer<typeof catalogEntrySchema>;
export type CatalogSource = CatalogEntry['source'];

/** A catalog file as read from disk: what to apply, and what identifies this version of it. */
export interface CatalogFileText {
  /** As shown and remembered: relative to the working directory when inside it (see `catalogPathOf`). */
  path: string;
  text: string;
  hash: string;
}

/** Paths remembered in `files`; beyond it the oldest is forgotten (and its file counts as new again). */
const REMEMBERED_FILES = 32;

export const hashCatalogText = (text: string): string => createHash('sha256').update(text).digest('hex');

/**
 * The name a catalog file is remembered by. Relative to the working directory when inside it, so
 * `config/catalog.yaml` is one name for a service in a container (/app) and for `catalog:push` run
 * from the repository on the host.
 */
export function catalogPathOf(file: string, cwd = process.cwd()): string {
  const absolute = resolve(cwd, file);
  const inside = relative(cwd, absolute);
  return inside.startsWith(`..${sep}`) ? absolute : inside;
}

export function catalogEntry(
  source: CatalogSource,
  file: CatalogFileText,
  previous: CatalogEntry | undefined,
  at: Date,
): CatalogEntry {
  return {
    yaml: file.text,
    source,
    path: file.path,
    fileHash: file.hash,
    at: at.toISOString(),
    files: rememberFile(previous?.files ?? {}, file.path, file.hash),
  };
}

/** The most recently applied path goes last, so the oldest are the first forgotten. */
export function rememberFile(
  files: Record<string, string>,
  path: string,
  hash: string,
): Record<string, string> {
  const others = Object.entries(files).filter(([known]) => known !== path);
  return Object.fromEntries([...others.slice(-(REMEMBERED_FILES - 1)), [path, hash]]);
}

export const encodeCatalogEntry = (entry: CatalogEntry): string => JSON.stringify(entry);

/**
 * Undefined for a value that is not an entry (a bare YAML stored by an earlier version): then
 * nothing usable is stored, and a service with a file applies it.
 */
export function decodeCatalogEntry(value: string): CatalogEntry | undefined {
  try {
    return catalogEntrySchema.parse(JSON.parse(value));
  } catch {
    return undefined;
  }
}
