import { z } from 'zod';
import { providerPreferencesSchema } from '../contracts/chat-request';

/**
 * The catalog file's shape. Prices are USD per million tokens (as providers publish them); the
 * loader converts them to USD per token, which is what OpenRouter's API returns.
 */
const providerId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'must be lowercase letters, digits and -');
const modelId = z.string().regex(/^[a-z0-9][\w.-]*\/[\w.:-]+$/i, 'must look like "author/slug"');
const usdPerMillion = z.number().min(0, 'must be a price in USD per million tokens, 0 or more');

export const providerFamilies = ['openai-compatible', 'anthropic', 'gemini'] as const;

/**
 * How the openai-compatible worker sends the key: `Authorization: Bearer <key>` (OpenAI and nearly
 * everyone), Azure's `api-key: <key>` header, or nothing at all (a local server that takes no key).
 * https://learn.microsoft.com/azure/ai-foundry/openai/reference#authentication
 */
export const providerAuthStyles = ['bearer', 'api-key-header', 'none'] as const;

/**
 * The body field that carries the client's output limit. OpenAI deprecated `max_tokens`, and its
 * reasoning models reject it; most other servers read only `max_tokens`.
 * https://platform.openai.com/docs/api-reference/chat/create#chat-create-max_completion_tokens
 */
export const maxTokensFields = ['max_tokens', 'max_completion_tokens'] as const;

/** Replaced by the endpoint's `upstream_model` in `base_url`, for APIs that put the model in the path. */
export const MODEL_PLACEHOLDER = '{model}';

const baseUrl = z
  .url({
    protocol: /^https?$/,
    message: 'must be an absolute http(s) URL, e.g. https://api.openai.com/v1',
  })
  .refine((url) => !url.includes('?'), 'must not carry a query string; put query parameters under "query"')
  .refine(
    (url) => !/\{(?!model\})[^}]*\}/.test(url),
    `may contain only the placeholder ${MODEL_PLACEHOLDER}, replaced by the endpoint's upstream_model`,
  );

/** OpenRouter's quantization levels. https://openrouter.ai/docs/features/provider-routing#quantization */
export const quantizations = [
  'int4',
  'int8',
  'fp4',
  'fp6',
  'fp8',
  'fp16',
  'bf16',
  'fp32',
  'unknown',
] as const;

/** OpenRouter's parameter names (`max_tokens`, `tools`, `reasoning`, …), as `GET /models` lists them. */
const supportedParameters = z.array(z.string().min(1));

/**
 * A provider. `auth`, `query`, `max_tokens_field` and `{model}` in `base_url` are read by the
 * openai-compatible worker only; the loader rejects them on other families.
 * - `auth`: `bearer` (default) | `api-key-header` | `none`, see providerAuthStyles.
 * - `query`: parameters added to every request's URL, e.g. Azure's `{ api-version: '2024-10-21' }`.
 * - `max_tokens_field`: `max_tokens` (default) | `max_completion_tokens`, see maxTokensFields.
 * - `base_url` may contain `{model}`: Azure's deployment URLs,
 *   `https://<resource>.openai.azure.com/openai/deployments/{model}`.
 * - `headers` whose value is empty (e.g. an unset `${VAR:-}`) are not sent.
 */
const providerSchema = z.strictObject({
  name: z.string().min(1),
  /** Listed by `GET /providers`, as OpenRouter lists them. */
  privacy_policy_url: z.url().optional(),
  terms_of_service_url: z.url().optional(),
  status_page_url: z.url().optional(),
  family: z.enum(providerFamilies),
  base_url: baseUrl,
  api_key_env: z
    .string()
    .regex(/^[A-Z][A-Z0-9_]*$/, 'must be an environment variable name, e.g. OPENAI_API_KEY')
    .optional(),
  headers: z.record(z.string(), z.string()).default({}),
  auth: z
    .enum(providerAuthStyles, {
      message: 'must be bearer (Authorization: Bearer), api-key-header (Azure) or none',
    })
    .optional(),
  query: z
    .record(z.string().min(1), z.string(), { message: 'must map parameter names to strings' })
    .optional(),
  max_tokens_field: z
    .enum(maxTokensFields, { message: 'must be max_tokens or max_completion_tokens' })
    .optional(),
});

const endpointSchema = z.strictObject({
  provider: providerId,
  upstream_model: z.string().min(1),
  pricing: z.strictObject({
    prompt: usdPerMillion,
    completion: usdPerMillion,
    request: z.number().min(0).default(0),
    /** Prompt tokens read from the provider's cache, when it prices them apart (USD per million). */
    input_cache_read: usdPerMillion.optional(),
    /** Prompt tokens written to the provider's cache (Anthropic's cache creation). */
    input_cache_write: usdPerMillion.optional(),
  }),
  context_length: z.number().int().positive().optional(),
  max_completion_tokens: z.number().int().positive().optional(),
  /** This endpoint's own list, when its provider accepts other parameters than the model's list says. */
  supported_parameters: supportedParameters.optional(),
  /** Whether the provider may store or train on prompts; `provider.data_collection: deny` skips `allow`. */
  data_collection: z.enum(['allow', 'deny'], { message: 'must be allow or deny' }).default('allow'),
  /** The weights' precision, for `provider.quantizations`. */
  quantization: z.enum(quantizations, { message: `must be one of ${quantizations.join(', ')}` }).optional(),
  /** The provider keeps nothing of a request (zero data retention), for `provider.zdr`. */
  zdr: z.boolean().default(false),
});

const modelSchema = z.strictObject({
  name: z.string().min(1),
  description: z.string().default(''),
  created: z.iso.date('must be a date, e.g. 2025-01-31').optional(),
  context_length: z.number().int().positive(),
  input_modalities: z.array(z.enum(['text', 'image', 'file', 'audio'])).default(['text']),
  /** `[embeddings]`: an embedding model, served by POST /embeddings only (as OpenRouter lists them). */
  output_modalities: z.array(z.enum(['text', 'image', 'audio', 'embeddings'])).default(['text']),
  supported_parameters: supportedParameters.optional(),
  /** The model's licence lets its outputs train other models, for `provider.enforce_distillable_text`. */
  distillable: z.boolean().default(false),
  /** The weights' id on Hugging Face, for open models (`meta-llama/Llama-3.1-8B-Instruct`). */
  hugging_face_id: z.string().min(1).optional(),
  /** The sampling parameters the model's author recommends, listed as OpenRouter lists them. */
  default_parameters: z.record(z.string(), z.unknown()).optional(),
  /** Use cases (`programming`, `roleplay`, …) for `GET /models?category=`. */
  categories: z.array(z.string().min(1)).default([]),
  endpoints: z.array(endpointSchema).min(1, 'a model needs at least one endpoint'),
});

/**
 * One arm of a preset: what `model: "@preset/<slug>"` becomes when this arm is drawn. `parameters`
 * (e.g. temperature) override the client's request.
 */
const presetVariantSchema = z
  .strictObject({
    name: z.string().min(1),
    weight: z.number().positive('must be a positive share of the traffic'),
    model: modelId.optional(),
    models: z.array(modelId).min(1).optional(),
    provider: providerPreferencesSchema.optional(),
    parameters: z.record(z.string(), z.unknown()).optional(),
  })
  .refine((variant) => variant.model !== undefined || variant.models !== undefined, {
    message: 'needs "model" or "models"',
    path: ['model'],
  });

const presetSlug = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'must be lowercase letters, digits and -');

const presetSchema = z.strictObject({
  variants: z.array(presetVariantSchema).min(1, 'a preset needs at least one variant'),
});

export const catalogFileSchema = z.strictObject({
  providers: z.record(providerId, providerSchema),
  models: z.record(modelId, modelSchema),
  /** Named routing setups, `model: "@preset/<slug>"`; several variants make an A/B experiment. */
  presets: z.record(presetSlug, presetSchema).default({}),
});

export type CatalogFile = z.infer<typeof catalogFileSchema>;
