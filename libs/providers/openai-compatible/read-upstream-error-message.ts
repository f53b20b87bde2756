import { z } from 'zod';

/**
 * The human-readable message in an upstream error body, in the shapes OpenAI-compatible servers use:
 * OpenAI's `{"error":{"message"}}`, `{"error":"…"}`, a bare `{"message"}`, and FastAPI's `{"detail"}`
 * (vLLM and other Python servers).
 * https://platform.openai.com/docs/guides/error-codes
 */
const errorBodySchema = z
  .object({
    error: z.union([z.string(), z.object({ message: z.string().nullish() }).loose()]).nullish(),
    message: z.string().nullish(),
    detail: z.unknown(),
  })
  .loose();

export function readUpstreamErrorMessage(body: unknown): string | undefined {
  const parsed = errorBodySchema.safeParse(body);
  if (!parsed.success) return undefined;
  const { error, message, detail } = parsed.data;
  const found =
    typeof error === 'string'
      ? error
      : (error?.message ?? message ?? (typeof detail === 'string' ? detail : ''));
  return found || undefined;
}
