import { Kvm, type KV } from '@nats-io/kv';
import type { NatsConnection } from '@nats-io/transport-node';
import type { Subjects } from '../contracts';
import { parseCatalog } from './load-catalog';

/** The catalog's YAML lives under this key of a NATS KV bucket that every service watches. */
export const CATALOG_KEY = 'catalog';

export const catalogBucketName = (subjects: Subjects) => `${subjects.streamPrefix}_CATALOG`;

export function openCatalogBucket(nc: NatsConnection, subjects: Subjects): Promise<KV> {
  // `create` opens the bucket when it exists already; history keeps the last versions for a look back.
  return new Kvm(nc).create(catalogBucketName(subjects), { history: 10 });
}

/**
 * Validates a catalog file exactly as the services will, then stores it in the cluster's bucket:
 * every running service picks it up within moments, without a restart. Returns the revision.
 */
export async function pushCatalog(
  nc: NatsConnection,
  subjects: Subjects,
  text: string,
  file: string,
): Promise<number> {
  parseCatalog(text, file, process.env);
  const bucket = await openCatalogBucket(nc, subjects);
  return bucket.put(CATALOG_KEY, text);
}
