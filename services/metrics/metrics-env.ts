import { z } from 'zod';
import { sharedEnvSchema } from '../../libs/config/env';

export const metricsEnvSchema = sharedEnvSchema.extend({
  /** The database is created on first start if missing, so a fresh Postgres needs no manual step. */
  DATABASE_URL: z
    .url({ protocol: /^postgres(ql)?$/, error: 'must be a postgres:// URL' })
    .refine((url) => new URL(url).pathname.length > 1, 'must name a database (postgres://host/<name>)')
    .default('postgres://postgres@127.0.0.1:5432/switchyard'),
  /**
   * Whether the service creates the database and applies pending migrations as it starts (under an
   * advisory lock, so replicas starting together apply each once). `false` in production, where a
   * Job runs `dist/services/metrics/migrate.js` before the rollout.
   */
  SWITCHYARD_MIGRATE_AT_START: z
    .enum(['true', 'false'], { message: 'must be true or false' })
    .default('true')
    .transform((value) => value === 'true'),
  /** Seals BYOK credentials at rest (AES-256-GCM); unset: BYOK credentials cannot be added. */
  SWITCHYARD_ENCRYPTION_KEY: z.string().optional(),
});

export type MetricsEnv = z.infer<typeof metricsEnvSchema>;

/** Injection token for the validated environment. */
export const METRICS_ENV = Symbol('METRICS_ENV');
