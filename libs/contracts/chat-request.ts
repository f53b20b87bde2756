import { z } from 'zod';
import { errors } from './errors';

/**
 * The Chat Completions request as OpenAI documents it, plus OpenRouter's extensions (`models`,
 * `provider`, `route`, `reasoning`, `usage`, `session_id`). Unknown top-level fields pass through:
 * providers add parameters faster than any gateway, and the worker forwards only what it knows.
 * https://platform.openai.com/docs/api-reference/chat/create
 * https://openrouter.ai/docs/api-reference/chat-completion
 */
const textPart = z.object({ type: z.literal('text'), text: z.string() }).loose();
const imagePart = z
  .object({
    type: z.literal('image_url'),
    image_url: z.object({ url: z.string().min(1), detail: z.enum(['auto', 'low', 'high']).optional() }),
  })
  .loose();
const audioPart = z
  .object({ type: z.literal('input_audio'), input_audio: z.object({ data: z.string(), format: z.string() }) })
  .loose();
const filePart = z.object({ type: z.literal('file'), file: z.record(z.string(), z.unknown()) }).loose();
const contentPart = z.discriminatedUnion('type', [textPart, imagePart, audioPart, filePart]);

const toolCall = z
  .object({
    id: z.string(),
    type: z.literal('function'),
    function: z.object({ name: z.string(), arguments: z.string() }),
  })
  .loose();

const systemMessage = z
  .object({ role: z.enum(['system', 'developer']), content: z.union([z.string(), z.array(textPart)]) })
  .loose();
const userMessage = z
  .object({ role: z.literal('user'), content: z.union([z.string(), z.array(contentPart)]) })
  .loose();
const assistantMessage = z
  .object({
    role: z.literal('assistant'),
    content: z.union([z.string(), z.array(textPart), z.null()]).optional(),
    tool_calls: z.array(toolCall).optional(),
  })
  .loose();
const toolMessage = z
  .object({
    role: z.literal('tool'),
    tool_call_id: z.string(),
    content: z.union([z.string(), z.array(textPart)]),
  })
  .loose();

export const chatMessageSchema = z.discriminatedUnion('role', [
  systemMessage,
  userMessage,
  assistantMessage,
  toolMessage,
]);

const functionTool = z
  .object({
    type: z.literal('function'),
    function: z
      .object({
        name: z.string().regex(/^[a-zA-Z0-9_-]{1,64}$/, 'must be 1-64 letters, digits, _ or -'),
        description: z.string().optional(),
        parameters: z.record(z.string(), z.unknown()).optional(),
        strict: z.boolean().nullish(),
      })
      .loose(),
  })
  .loose();

const toolChoice = z.union([
  z.enum(['none', 'auto', 'required']),
  z.object({ type: z.literal('function'), function: z.object({ name: z.string() }) }),
]);

const responseFormat = z.discriminatedUnion('type', [
  z.object({ type: z.literal('text') }),
  z.object({ type: z.literal('json_object') }),
  z.object({
    type: z.literal('json_schema'),
    json_schema: z
      .object({
        name: z.string(),
        schema: z.record(z.string(), z.unknown()).optional(),
        strict: z.boolean().nullish(),
      })
      .loose(),
  }),
]);

export const providerSortKeys = ['price', 'throughput', 'latency'] as const;
const sortBy = z.enum(providerSortKeys, { message: 'must be price, throughput or latency' });

/** USD per million tokens (prompt, completion, image) or per request, as OpenRouter's `max_price`. */
const maxPrice = z.strictObject({
  prompt: z.number().min(0, 'must be USD per million tokens, 0 or more').optional(),
  completion: z.number().min(0, 'must be USD per million tokens, 0 or more').optional(),
  request: z.number().min(0, 'must be USD per request, 0 or more').optional(),
  image: z.number().min(0, 'must be USD per image, 0 or more').optional(),
});

/** A number applies to p50; an object sets cutoffs per percentile. */
const percentileCutoffs = (unit: string) =>
  z.union(
    [
      z.number().min(0, `must be ${unit}, 0 or more`),
      z.strictObject({
        p50: z.number().min(0).optional(),
        p75: z.number().min(0).optional(),
        p90: z.number().min(0).optional(),
        p99: z.number().min(0).optional(),
      }),
    ],
    { message: `must be ${unit} (0 or more), or an object of p50, p75, p90, p99 cutoffs` },
  );

/**
 * OpenRouter's provider preferences; planning (libs/routing) interprets them. Strict: a misspelt preference
 * would otherwise be ignored silently and route somewhere the caller did not mean.
 * https://openrouter.ai/docs/features/provider-routing
 */
export const providerPreferencesSchema = z.strictObject({
  order: z.array(z.string()).optional(),
  only: z.array(z.string()).optional(),
  ignore: z.array(z.string()).optional(),
  allow_fallbacks: z.boolean().optional(),
  require_parameters: z.boolean().optional(),
  data_collection: z.enum(['allow', 'deny'], { message: 'must be allow or deny' }).optional(),
  /** Only endpoints that keep nothing of the request (zero data retention). */
  zdr: z.boolean().optional(),
  /** Only models whose licence lets their outputs be used to train other models. */
  enforce_distillable_text: z.boolean().optional(),
  quantizations: z.array(z.string()).optional(),
  sort: z
    .union(
      [
        sortBy,
        z.strictObject({
          by: sortBy,
          partition: z.enum(['model', 'none']).nullish(),
        }),
      ],
      { message: 'must be price, throughput or latency, or { by, partition: model | none }' },
    )
    .optional(),
  max_price: maxPrice.optional(),
  /** Tokens per second. */
  preferred_min_throughput: percentileCutoffs('tokens per second').optional(),
  /** Seconds to the first token. */
  preferred_max_latency: percentileCutoffs('seconds').optional(),
});

const modelId = z.string().min(1, 'must not be empty');

export const chatRequestSchema = z
  .object({
    model: modelId.optional(),
    models: z.array(modelId).min(1).optional(),
    messages: z.array(chatMessageSchema).min(1, 'must contain at least one message'),
    stream: z.boolean().nullish(),
    stream_options: z.object({ include_usage: z.boolean().optional() }).loose().nullish(),
    max_tokens: z.number().int().positive().nullish(),
    max_completion_tokens: z.number().int().positive().nullish(),
    temperature: z.number().min(0).max(2).nullish(),
    top_p: z.number().min(0).max(1).nullish(),
    top_k: z.number().int().min(0).nullish(),
    frequency_penalty: z.number().min(-2).max(2).nullish(),
    presence_penalty: z.number().min(-2).max(2).nullish(),
    repetition_penalty: z.number().min(0).max(2).nullish(),
    seed: z.number().int().nullish(),
    stop: z.union([z.string(), z.array(z.string()).max(4)]).nullish(),
    n: z.literal(1, 'only n=1 is supported').nullish(),
    logprobs: z.boolean().nullish(),
    top_logprobs: z.number().int().min(0).max(20).nullish(),
    tools: z.array(functionTool).nullish(),
    tool_choice: toolChoice.nullish(),
    parallel_tool_calls: z.boolean().nullish(),
    response_format: responseFormat.nullish(),
    user: z.string().max(256).nullish(),
    provider: providerPreferencesSchema.nullish(),
    route: z.literal('fallback').nullish(),
    session_id: z.string().max(256).nullish(),
  })
  .loose()
  .refine((body) => body.model !== undefined || body.models !== undefined, {
    message: 'is required (or give "models", a list to try in order)',
    path: ['model'],
  });

export type ChatRequest = z.infer<typeof chatRequestSchema>;
export type ChatMessage = z.infer<typeof chatMessageSchema>;
export type ProviderPreferences = z.infer<typeof providerPreferencesSchema>;

/** A request body read with its schema, or a 400 that names the first invalid field. */
export function parseRequestBody<T>(schema: z.ZodType<T>, body: unknown): T {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw errors.badRequest('Invalid request: the body must be a JSON object.');
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw errors.badRequest(describeValidationError(parsed.error));
  return parsed.data;
}

/** `messages[0].content: Invalid input` — the first problem, naming the field, as a client can act on it. */
export function describeValidationError(error: z.ZodError): string {
  const issue = error.issues[0];
  const path = issue.path.reduce<string>(
    (text, key) =>
      typeof key === 'number' ? `${text}[${key}]` : text ? `${text}.${String(key)}` : String(key),
    '',
  );
  const more = error.issues.length > 1 ? ` (and ${error.issues.length - 1} more problem(s))` : '';
  return `Invalid request: ${path || 'body'}: ${issue.message}${more}`;
}
