import { z } from 'zod';
import { parseEnv } from '../config/env';

const replicasEnvSchema = z.object({
  SWITCHYARD_JETSTREAM_REPLICAS: z.coerce
    .number()
    .int()
    .min(1)
    .max(5, 'JetStream keeps at most 5 replicas')
    .default(1),
});

/**
 * How many copies JetStream keeps of the events stream, the KV buckets (catalog, sessions, keys,
 * books) and the job-body store: 1 on a single server, 3 on a 3-node cluster so that each survives a
 * node. Read when they are created (and the events stream is brought to it at start).
 */
export function jetstreamReplicas(env: NodeJS.ProcessEnv = process.env): number {
  return parseEnv(replicasEnvSchema, env).SWITCHYARD_JETSTREAM_REPLICAS;
}
