import { z } from 'zod';
import { providerPreferencesSchema } from './chat-request';

/**
 * OpenAI's Embeddings request, as OpenRouter takes it: one text or a batch, floats or base64, with
 * OpenRouter's `models` and `provider` preferences. Token-id inputs are refused: the gateway routes
 * among providers whose vocabularies differ, so only text means the same everywhere.
 * https://platform.openai.com/docs/api-reference/embeddings/create
 * https://openrouter.ai/docs/api-reference/embeddings
 */
const text = z.string().min(1, 'must not be empty');

export const embeddingsRequestSchema = z
  .object({
    model: z.string().min(1, 'must not be empty').optional(),
    models: z.array(z.string().min(1)).min(1).optional(),
    input: z.union(
      [text, z.array(text, { error: 'must be text (token arrays are not supported)' }).min(1).max(2048)],
      {
        error: 'must be a string or an array of strings (token arrays are not supported)',
      },
    ),
    encoding_format: z.enum(['float', 'base64'], { message: 'must be float or base64' }).nullish(),
    dimensions: z.number().int().positive().nullish(),
    user: z.string().max(256).nullish(),
    provider: providerPreferencesSchema.nullish(),
  })
  .loose()
  .refine((body) => body.model !== undefined || body.models !== undefined, {
    message: 'is required (or give "models", a list to try in order)',
    path: ['model'],
  });

export type EmbeddingsRequest = z.infer<typeof embeddingsRequestSchema>;

/** The inputs as a list, whichever form the request gave. */
export const embeddingInputs = (request: EmbeddingsRequest): string[] =>
  typeof request.input === 'string' ? [request.input] : request.input;
