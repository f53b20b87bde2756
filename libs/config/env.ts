import { z } from 'zod';

/** Variables every service reads. Each service extends this with its own. */
export const sharedEnvSchema = z.object({
  NATS_URL: z.string().default('nats://127.0.0.1:4222'),
  SWITCHYARD_NAMESPACE: z.string().default('sy'),
});

/** Validates the environment once at start-up; a bad value stops the service with a message naming it. */
export function parseEnv<S extends z.ZodType>(schema: S, env: NodeJS.ProcessEnv = process.env): z.infer<S> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
  throw new Error(`Invalid environment:\n${problems.join('\n')}`);
}
