import { z } from 'zod';

/**
 * The catalog file's shape. Prices are USD per million tokens (as providers publish them); the
 * loader converts them to USD per token, which is what OpenRouter's API returns.
 */
const providerId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'must be lowercase letters, digits and -');
const modelId = z.string().regex(/^[a-z0-9][\w.-]*\/[\w.:-]+$/i, 'must look like "author/slug"');
const usdPerMillion = z.number().min(0, 'must be a price in USD per million tokens, 0 or more');

export const providerFamilies = ['openai-compatible', 'anthropic', 'gemini'] as const;

const providerSchema = z.strictObject({
  name: z.string().min(1),
  family: z.enum(providerFamilies),
  base_url: z.url({ message: 'must be an absolute http(s) URL, e.g. https://api.openai.com/v1' }),
  api_key_env: z
    .string()
    .regex(/^[A-Z][A-Z0-9_]*$/, 'must be an environment variable name, e.g. OPENAI_API_KEY')
    .optional(),
  headers: z.record(z.string(), z.string()).default({}),
});

const endpointSchema = z.strictObject({
  provider: providerId,
  upstream_model: z.string().min(1),
  pricing: z.strictObject({
    prompt: usdPerMillion,
    completion: usdPerMillion,
    request: z.number().min(0).default(0),
  }),
  context_length: z.number().int().positive().optional(),
  max_completion_tokens: z.number().int().positive().optional(),
});

const modelSchema = z.strictObject({
  name: z.string().min(1),
  description: z.string().default(''),
  created: z.iso.date('must be a date, e.g. 2025-01-31').optional(),
  context_length: z.number().int().positive(),
  input_modalities: z.array(z.enum(['text', 'image', 'file', 'audio'])).default(['text']),
  output_modalities: z.array(z.enum(['text', 'image', 'audio'])).default(['text']),
  supported_parameters: z.array(z.string()).optional(),
  endpoints: z.array(endpointSchema).min(1, 'a model needs at least one endpoint'),
});

export const catalogFileSchema = z.strictObject({
  providers: z.record(providerId, providerSchema),
  models: z.record(modelId, modelSchema),
});

export type CatalogFile = z.infer<typeof catalogFileSchema>;
