import { JetStreamApiCodes, JetStreamApiError } from '@nats-io/jetstream';
import { Kvm, type KV } from '@nats-io/kv';
import type { NatsConnection } from '@nats-io/transport-node';
import type { Subjects } from '../contracts';
import { jetstreamReplicas } from '../messaging/jetstream-replicas';
import { whileJetStreamRecovers } from '../messaging/while-jetstream-recovers';
import {
  catalogEntry,
  decodeCatalogEntry,
  encodeCatalogEntry,
  type CatalogEntry,
  type CatalogFileText,
} from './catalog-entry';
import { parseCatalog } from './load-catalog';

/** The catalog in force (a CatalogEntry) lives under this key of a NATS KV bucket that every service watches. */
export const CATALOG_KEY = 'catalog';

export const catalogBucketName = (subjects: Subjects) => `${subjects.streamPrefix}_CATALOG`;

export function openCatalogBucket(nc: NatsConnection, subjects: Subjects): Promise<KV> {
  // `create` opens the bucket when it exists already; history keeps the last versions for a look back.
  return whileJetStreamRecovers(() =>
    new Kvm(nc).create(catalogBucketName(subjects), { history: 10, replicas: jetstreamReplicas() }),
  );
}

/** What the bucket holds: `revision` 0 when nothing was ever stored; no `entry` when none is usable. */
export interface StoredCatalog {
  revision: number;
  entry?: CatalogEntry;
}

export async function readCatalogEntry(bucket: KV): Promise<StoredCatalog> {
  const stored = await bucket.get(CATALOG_KEY);
  if (!stored) return { revision: 0 };
  return {
    revision: stored.revision,
    entry: stored.operation === 'PUT' ? decodeCatalogEntry(stored.string()) : undefined,
  };
}

/**
 * Stores `entry` only if the bucket is still at `expected` (the revision it was decided from), so
 * of services writing at once exactly one wins; the others get 'conflict', read again and decide
 * on what the winner stored.
 */
export async function writeCatalogEntry(
  bucket: KV,
  entry: CatalogEntry,
  expected: number,
): Promise<number | 'conflict'> {
  try {
    return await bucket.put(CATALOG_KEY, encodeCatalogEntry(entry), { previousSeq: expected });
  } catch (error) {
    if (error instanceof JetStreamApiError && error.code === JetStreamApiCodes.StreamWrongLastSequence)
      return 'conflict';
    throw error;
  }
}

/**
 * Validates a catalog file exactly as the services will, then stores it in the cluster's bucket:
 * every running service picks it up within moments, without a restart, and services restarted
 * later keep it while their own file is unchanged. Returns the revision.
 */
export async function pushCatalog(
  nc: NatsConnection,
  subjects: Subjects,
  file: CatalogFileText,
  now = new Date(),
): Promise<number> {
  parseCatalog(file.text, file.path, process.env);
  const bucket = await openCatalogBucket(nc, subjects);
  for (;;) {
    const stored = await readCatalogEntry(bucket);
    const revision = await writeCatalogEntry(
      bucket,
      catalogEntry('push', file, stored.entry, now),
      stored.revision,
    );
    if (revision !== 'conflict') return revision;
  }
}
