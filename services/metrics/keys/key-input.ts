import { z } from 'zod';
import { limitResets } from '../../../libs/accounts';
import { describeValidationError, errors } from '../../../libs/contracts';

/**
 * The bodies of the keys API, as OpenRouter documents them, plus `rate_limit` (ours). Strict: a
 * misspelt field would otherwise be dropped silently, and a key created without the limit meant.
 * https://openrouter.ai/docs/api/api-reference/api-keys/create-keys
 */
const limit = z.number().min(0, 'must be USD, 0 or more').max(1e9).nullable();
const limitReset = z.enum(limitResets, { message: 'must be daily, weekly, monthly or null' }).nullable();
/** Per minute; null: the gateway's default; -1: none. */
const perMinute = z.number().int().min(-1, 'must be a count per minute, or -1 for none').max(1e9).nullable();
const rateLimit = z.strictObject({ requests: perMinute.optional(), tokens: perMinute.optional() });
/** OpenRouter refuses an expiry given in another time zone than UTC. */
const utcTimestamp = z.iso
  .datetime({ offset: true, message: 'must be an ISO 8601 timestamp' })
  .refine((value) => /(Z|[+-]00:?00)$/.test(value), 'must be in UTC (end in Z)');
const name = z.string().trim().min(1, 'is required').max(256);

export const createKeySchema = z.strictObject({
  name,
  limit: limit.optional(),
  limit_reset: limitReset.optional(),
  include_byok_in_limit: z.boolean().optional(),
  expires_at: utcTimestamp.nullable().optional(),
  rate_limit: rateLimit.nullable().optional(),
  // OpenRouter's, for organisations and workspaces; accepted so its clients work, not used.
  creator_user_id: z.string().nullable().optional(),
  workspace_id: z.string().optional(),
});

/** What PATCH may change (OpenRouter's list; `expires_at` is set once, at creation). */
export const updateKeySchema = z.strictObject({
  name: name.optional(),
  disabled: z.boolean().optional(),
  limit: limit.optional(),
  limit_reset: limitReset.optional(),
  include_byok_in_limit: z.boolean().optional(),
  rate_limit: rateLimit.nullable().optional(),
});

export const putByokSchema = z.strictObject({
  provider: z.string().min(1, 'is required (a provider id of the catalog)'),
  api_key: z.string().trim().min(1, 'is required').max(4096),
  /** OpenRouter's "Always use for this provider": true (the default) never falls back to the gateway's key. */
  always_use: z.boolean().optional(),
});

export const listKeysSchema = z.object({
  offset: z.coerce.number().int().min(0, 'must be 0 or more').optional(),
  include_disabled: z.enum(['true', 'false'], { message: 'must be true or false' }).optional(),
});

export const keyHashSchema = z.string().regex(/^[0-9a-f]{64}$/, 'must be a key hash (64 hex digits)');

export type CreateKeyInput = z.infer<typeof createKeySchema>;
export type UpdateKeyInput = z.infer<typeof updateKeySchema>;
export type PutByokInput = z.infer<typeof putByokSchema>;

/** Parses `body` or throws the 400 that names the field, as every other endpoint does. */
export function parseInput<S extends z.ZodType>(schema: S, body: unknown): z.infer<S> {
  const parsed = schema.safeParse(body ?? {});
  if (!parsed.success) throw errors.badRequest(describeValidationError(parsed.error));
  return parsed.data;
}
