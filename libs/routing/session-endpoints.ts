import { createHash } from 'node:crypto';
import { Kvm, type KV } from '@nats-io/kv';
import type { NatsConnection } from '@nats-io/transport-node';
import type { Subjects } from '../contracts';
import { jetstreamReplicas } from '../messaging/jetstream-replicas';

/** A session stays on its endpoint this long after the plan that chose it. */
export const SESSION_TTL_MS = 10 * 60_000;

/** Where a session's endpoint (`providerId@model`) is remembered. */
export interface SessionEndpoints {
  get(sessionId: string): Promise<string | undefined>;
  remember(sessionId: string, endpointKey: string): Promise<void>;
}

export const sessionBucketName = (subjects: Subjects) => `${subjects.streamPrefix}_SESSIONS`;

/** KV keys allow few characters and a session id may hold any: the key is its digest. */
const keyOf = (sessionId: string) => createHash('sha256').update(sessionId).digest('hex');

/**
 * Session endpoints in a NATS KV bucket with a 10-minute TTL, so every ingress replica agrees.
 * The bucket is opened on the first session, so requests without one never touch it.
 */
export class KvSessionEndpoints implements SessionEndpoints {
  private bucket?: Promise<KV>;

  constructor(
    private readonly nc: NatsConnection,
    private readonly subjects: Subjects,
  ) {}

  async get(sessionId: string): Promise<string | undefined> {
    const entry = await (await this.open()).get(keyOf(sessionId));
    return entry?.operation === 'PUT' ? entry.string() : undefined;
  }

  async remember(sessionId: string, endpointKey: string): Promise<void> {
    await (await this.open()).put(keyOf(sessionId), endpointKey);
  }

  private open(): Promise<KV> {
    this.bucket ??= new Kvm(this.nc).create(sessionBucketName(this.subjects), {
      ttl: SESSION_TTL_MS,
      replicas: jetstreamReplicas(),
    });
    // A failed open is retried by the next session rather than cached.
    this.bucket.catch(() => (this.bucket = undefined));
    return this.bucket;
  }
}
