import { z } from 'zod';
import { sharedEnvSchema } from '../../libs/config/env';

export const metricsEnvSchema = sharedEnvSchema.extend({
  /** The database is created on first start if missing, so a fresh Postgres needs no manual step. */
  DATABASE_URL: z
    .url({ protocol: /^postgres(ql)?$/, error: 'must be a postgres:// URL' })
    .refine((url) => new URL(url).pathname.length > 1, 'must name a database (postgres://host/<name>)')
    .default('postgres://postgres@127.0.0.1:5432/switchyard'),
});
