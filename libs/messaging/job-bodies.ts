import { nuid, type NatsConnection } from '@nats-io/transport-node';
import { Objm, StorageType, type ObjectStore } from '@nats-io/obj';
import { jetstreamReplicas } from './jetstream-replicas';
import type { StoredJobBody, Subjects } from '../contracts';

/** The object store of the namespace's large job bodies (a stream named OBJ_<bucket>). */
export const jobBodiesBucketName = (subjects: Subjects) => `${subjects.streamPrefix}_BODIES`;

/** Longer than any request may take (SWITCHYARD_REQUEST_TIMEOUT_MS is 5 min by default): a body left behind by a crash goes by itself. */
const BODY_TTL_NS = 30 * 60 * 1e9;

/**
 * Job bodies too large for one NATS message. A server's `max_payload` is 1 MiB unless raised (and
 * at most 64 MiB), while a vision request with a few images is easily more; rather than ask every
 * operator to reconfigure NATS, such a body goes into a JetStream object store, which chunks it,
 * and the job carries its name (a StoredJobBody). Small bodies, nearly all of them, never touch it.
 * Stored on file: a body can be tens of MiB, and memory storage would count them against the
 * server's memory limit.
 */
export class JobBodies {
  private store?: Promise<ObjectStore>;

  constructor(
    private readonly nc: NatsConnection,
    private readonly subjects: Subjects,
  ) {}

  /** Keeps `bytes` until `remove` (or the TTL); answers what the job carries instead. */
  async put(generationId: string, bytes: Uint8Array): Promise<StoredJobBody> {
    const storedBody = `${generationId}.${nuid.next()}`;
    await (await this.open()).putBlob({ name: storedBody }, bytes);
    return { generationId, storedBody };
  }

  /** The body's bytes; null when it is gone (removed, expired). */
  async get(stored: StoredJobBody): Promise<Uint8Array | null> {
    return (await this.open()).getBlob(stored.storedBody);
  }

  /** Once the request has ended; a failure only leaves the body to its TTL. */
  remove(stored: StoredJobBody): void {
    void this.open()
      .then((store) => store.delete(stored.storedBody))
      .catch(() => undefined);
  }

  private open(): Promise<ObjectStore> {
    this.store ??= new Objm(this.nc)
      .create(jobBodiesBucketName(this.subjects), {
        storage: StorageType.File,
        ttl: BODY_TTL_NS,
        replicas: jetstreamReplicas(),
      })
      .catch((error: unknown) => {
        this.store = undefined;
        throw error;
      });
    return this.store;
  }
}

/** A job body is either the body itself or, when it was too large for a message, where it is stored. */
export function isStoredJobBody(body: object): body is StoredJobBody {
  return 'storedBody' in body;
}
