import { jetstream } from '@nats-io/jetstream';
import { Kvm, type KV } from '@nats-io/kv';
import type { NatsConnection } from '@nats-io/transport-node';
import type { Subjects } from '../contracts';
import { jetstreamReplicas } from '../messaging/jetstream-replicas';
import { whileJetStreamRecovers } from '../messaging/while-jetstream-recovers';

/** Key views (KeyView JSON under each key's hash): written by metrics, watched by every ingress. */
export const keysBucketName = (subjects: Subjects) => `${subjects.streamPrefix}_KEYS`;
/** Each key's shared books (LedgerEntry JSON under its hash), changed by revision-checked writes only. */
export const ledgerBucketName = (subjects: Subjects) => `${subjects.streamPrefix}_LEDGER`;

/** `create` opens the bucket when it exists already; only the latest value of each entry is kept. */
export const openKeysBucket = (nc: NatsConnection, subjects: Subjects): Promise<KV> =>
  whileJetStreamRecovers(() =>
    new Kvm(nc).create(keysBucketName(subjects), { history: 1, replicas: jetstreamReplicas() }),
  );

/** `timeoutMs`: of every JetStream request made through the bucket (default: the connection's). */
export const openLedgerBucket = (nc: NatsConnection, subjects: Subjects, timeoutMs?: number): Promise<KV> =>
  whileJetStreamRecovers(() =>
    new Kvm(timeoutMs === undefined ? nc : jetstream(nc, { timeout: timeoutMs })).create(
      ledgerBucketName(subjects),
      { history: 1, replicas: jetstreamReplicas() },
    ),
  );
