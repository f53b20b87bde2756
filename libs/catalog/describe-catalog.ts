import type { CatalogEntry } from './catalog-entry';
import type { CatalogChoice } from './choose-catalog';

/** Enough of a SHA-256 to tell versions apart in a log line. */
const shortHash = (hash: string) => `${hash.slice(0, 12)}…`;

/** The log line naming the catalog in force and where it came from; at start, also why it won. */
export function describeCatalog(revision: number, entry: CatalogEntry, atStart?: CatalogChoice): string {
  const hash = shortHash(entry.fileHash);
  const applied = atStart?.use === 'file' ? `applied at start: ${atStart.why}` : `applied at ${entry.at}`;
  const origin =
    entry.source === 'push'
      ? `pushed by catalog:push from ${entry.path} (sha256 ${hash}) at ${entry.at}`
      : `from ${entry.path} (sha256 ${hash}, ${applied})`;
  return `catalog in force: revision ${revision}, ${origin}${whyStored(atStart)}`;
}

function whyStored(atStart: CatalogChoice | undefined): string {
  if (atStart?.use !== 'stored') return '';
  return atStart.why === 'watch only'
    ? '; SWITCHYARD_CATALOG_MODE=watch, no file read'
    : `; ${atStart.file.path} unchanged since`;
}
