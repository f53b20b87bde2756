import { z } from 'zod';
import { sharedEnvSchema } from '../../libs/config/env';

export const ingressEnvSchema = sharedEnvSchema.extend({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().default('0.0.0.0'),
  /** Comma-separated bootstrap keys (no limit); when unset, one is generated and kept under .switchyard/. */
  SWITCHYARD_API_KEYS: z.string().optional(),
  /** The admin (management) key: the keys API, every key's data; no inference. Unset: no keys API. */
  SWITCHYARD_ADMIN_KEY: z.preprocess(
    (value) => (value === '' ? undefined : value),
    z.string().min(16, 'must be at least 16 characters').optional(),
  ),
  /** Requests and tokens per minute for a key that sets none; unset: no limit. */
  SWITCHYARD_DEFAULT_RATE_LIMIT_REQUESTS: z.coerce.number().int().positive().optional(),
  SWITCHYARD_DEFAULT_RATE_LIMIT_TOKENS: z.coerce.number().int().positive().optional(),
  /** The whole request, every attempt included. */
  SWITCHYARD_REQUEST_TIMEOUT_MS: z.coerce.number().int().positive().default(300_000),
  /**
   * How long one attempt's provider may take to produce its first token (a whole answer: to send
   * it) before the next endpoint is tried. The worker watching the provider enforces it.
   */
  SWITCHYARD_FIRST_TOKEN_TIMEOUT_MS: z.coerce.number().int().positive().default(60_000),
  /** How long a started stream from a provider may stay silent (enforced by the worker too). */
  SWITCHYARD_STREAM_IDLE_TIMEOUT_MS: z.coerce.number().int().positive().default(60_000),
  /**
   * While the connection to NATS is down, how long a request waits for it to come back before it
   * is answered 503 with Retry-After.
   */
  SWITCHYARD_NATS_RECONNECT_WAIT_MS: z.coerce.number().int().min(0).default(5_000),
  /**
   * After every endpoint of the plan failed with a retryable error, how many more times to go
   * through the plan (a provider that failed is waited for: its Retry-After, or backoff with jitter).
   */
  SWITCHYARD_RETRY_ROUNDS: z.coerce.number().int().min(0).max(5).default(1),
  /**
   * How long an answer's last bytes wait for its generation record to be stored in JetStream (one
   * round trip, normally well under a millisecond). Past it — NATS failing over — the answer goes
   * out anyway and the record keeps being retried. 0: answers never wait, and records leave in
   * 20 ms batches (less CPU per request; an ingress SIGKILLed loses its last 20 ms of records).
   */
  SWITCHYARD_RECORD_WAIT_MS: z.coerce.number().int().min(0).default(1_000),
  /** HTTP body limit. Bodies above the NATS server's max_payload travel through JetStream (JobBodies). */
  SWITCHYARD_MAX_BODY_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(32 * 1024 * 1024),
});

export type IngressEnv = z.infer<typeof ingressEnvSchema>;

/** Injection token for the validated environment. */
export const INGRESS_ENV = Symbol('INGRESS_ENV');
