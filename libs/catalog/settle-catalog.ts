import type { KV } from '@nats-io/kv';
import type { Catalog } from './catalog';
import { CATALOG_KEY, readCatalogEntry, writeCatalogEntry } from './catalog-bucket';
import { catalogEntry, decodeCatalogEntry, type CatalogEntry, type CatalogFileText } from './catalog-entry';
import { chooseCatalog, type CatalogChoice } from './choose-catalog';
import { describeCatalog } from './describe-catalog';
import { CatalogError, parseCatalog } from './load-catalog';

export interface CatalogLog {
  log(message: string): void;
  error(message: string): void;
}

export interface SettledCatalog {
  catalog: Catalog;
  /** The bucket's revision it stands for: updates are watched from the next one. */
  revision: number;
}

/**
 * Puts in force, as a service starts, the catalog `chooseCatalog` picks, race-free: services
 * starting together each store their file only if the bucket is still at the revision they decided
 * from; the others read again, and find the file applied (unchanged: keep it). An invalid file
 * stops the service before anything is stored, as at any start.
 */
export async function settleCatalog(
  bucket: KV,
  file: CatalogFileText | undefined,
  env: NodeJS.ProcessEnv,
  log: CatalogLog,
  now = () => new Date(),
): Promise<SettledCatalog> {
  for (;;) {
    const stored = await readCatalogEntry(bucket);
    const choice = chooseCatalog(file, stored.entry);
    if (choice.use === 'wait') {
      log.log('no catalog in the cluster yet (SWITCHYARD_CATALOG_MODE=watch): waiting for catalog:push');
      return waitForCatalog(bucket, stored.revision, env, log);
    }
    if (choice.use === 'stored') return useStored(stored.revision, choice, env, log);
    const catalog = parseCatalog(choice.file.text, choice.file.path, env);
    const entry = catalogEntry('file', choice.file, stored.entry, now());
    const revision = await writeCatalogEntry(bucket, entry, stored.revision);
    if (revision === 'conflict') continue;
    log.log(describeCatalog(revision, entry, choice));
    return { catalog, revision };
  }
}

/**
 * A stored catalog that does not validate here (a variable this service lacks) is refused, as
 * during a run; a service with a file then serves its file, alone, rather than not start.
 */
function useStored(
  revision: number,
  choice: Extract<CatalogChoice<CatalogFileText>, { use: 'stored' }>,
  env: NodeJS.ProcessEnv,
  log: CatalogLog,
): SettledCatalog {
  try {
    const catalog = parseCatalog(choice.entry.yaml, storedLabel(revision, choice.entry), env);
    log.log(describeCatalog(revision, choice.entry, choice));
    return { catalog, revision };
  } catch (error) {
    if (choice.why === 'watch only' || !(error instanceof CatalogError)) throw error;
    const { path, text } = choice.file;
    log.error(`${error.message}\nthis service serves ${path} instead, until the next valid catalog`);
    return { catalog: parseCatalog(text, path, env), revision };
  }
}

async function waitForCatalog(
  bucket: KV,
  after: number,
  env: NodeJS.ProcessEnv,
  log: CatalogLog,
): Promise<SettledCatalog> {
  const updates = await bucket.watch({ key: CATALOG_KEY, resumeFromRevision: after + 1 });
  try {
    for await (const update of updates) {
      if (update.operation !== 'PUT') continue;
      try {
        const { entry, catalog } = readStoredCatalog(update.revision, update.string(), env);
        log.log(describeCatalog(update.revision, entry, { use: 'stored', why: 'watch only', entry }));
        return { catalog, revision: update.revision };
      } catch (error) {
        log.error(`${(error as Error).message}; still waiting for a valid catalog`);
      }
    }
  } finally {
    updates.stop();
  }
  throw new Error('the catalog bucket stopped answering before a catalog was pushed');
}

/** A stored value as the catalog it holds; throws a CatalogError naming the revision and its file. */
export function readStoredCatalog(
  revision: number,
  value: string,
  env: NodeJS.ProcessEnv,
): { entry: CatalogEntry; catalog: Catalog } {
  const entry = decodeCatalogEntry(value);
  if (!entry)
    throw new CatalogError(`revision ${revision}`, [
      'not a catalog entry; push the catalog again with catalog:push',
    ]);
  return { entry, catalog: parseCatalog(entry.yaml, storedLabel(revision, entry), env) };
}

const storedLabel = (revision: number, entry: CatalogEntry) => `${entry.path} (catalog revision ${revision})`;
