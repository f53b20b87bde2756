import { z } from 'zod';
import { errors } from '../../../libs/contracts';

/**
 * What the workers answer in, OpenRouter's `chat.completion` and `chat.completion.chunk`, read back so
 * that it can be written in Anthropic's shapes. Only the fields used here are declared; a worker that
 * breaks the contract fails here, loudly, not deep in the translation.
 * https://openrouter.ai/docs/api-reference/chat-completion
 * https://openrouter.ai/docs/api-reference/streaming
 */
const usageSchema = z
  .object({
    prompt_tokens: z.number(),
    completion_tokens: z.number(),
    prompt_tokens_details: z
      .object({ cached_tokens: z.number().nullish(), cache_write_tokens: z.number().nullish() })
      .loose()
      .nullish(),
  })
  .loose();

/** OpenRouter's reasoning items; types this gateway does not know yet are skipped, not refused. */
const reasoningDetailSchema = z
  .object({
    type: z.string(),
    text: z.string().nullish(),
    summary: z.string().nullish(),
    data: z.string().nullish(),
    signature: z.string().nullish(),
  })
  .loose();

const finishReasonSchema = z.enum(['stop', 'length', 'tool_calls', 'content_filter', 'error']).nullish();

const messageSchema = z
  .object({
    content: z.string().nullish(),
    refusal: z.string().nullish(),
    reasoning: z.string().nullish(),
    reasoning_details: z.array(reasoningDetailSchema).nullish(),
    tool_calls: z
      .array(
        z
          .object({ id: z.string(), function: z.object({ name: z.string(), arguments: z.string() }).loose() })
          .loose(),
      )
      .nullish(),
  })
  .loose();

export const gatewayCompletionSchema = z
  .object({
    id: z.string(),
    model: z.string(),
    choices: z
      .array(
        z
          .object({
            message: messageSchema,
            finish_reason: finishReasonSchema,
            native_finish_reason: z.string().nullish(),
          })
          .loose(),
      )
      .min(1),
    usage: usageSchema,
  })
  .loose();

const deltaSchema = z
  .object({
    content: z.string().nullish(),
    refusal: z.string().nullish(),
    reasoning: z.string().nullish(),
    reasoning_details: z.array(reasoningDetailSchema).nullish(),
    tool_calls: z
      .array(
        z
          .object({
            index: z.number().int().nonnegative(),
            id: z.string().nullish(),
            function: z
              .object({ name: z.string().nullish(), arguments: z.string().nullish() })
              .loose()
              .nullish(),
          })
          .loose(),
      )
      .nullish(),
  })
  .loose();

export const gatewayChunkSchema = z
  .object({
    id: z.string(),
    model: z.string(),
    choices: z.array(
      z
        .object({
          delta: deltaSchema,
          finish_reason: finishReasonSchema,
          native_finish_reason: z.string().nullish(),
        })
        .loose(),
    ),
    usage: usageSchema.nullish(),
  })
  .loose();

export type GatewayUsage = z.infer<typeof usageSchema>;
export type GatewayCompletion = z.infer<typeof gatewayCompletionSchema>;
export type GatewayChunk = z.infer<typeof gatewayChunkSchema>;
export type GatewayDelta = z.infer<typeof deltaSchema>;
export type ReasoningDetail = z.infer<typeof reasoningDetailSchema>;
export type ToolCallDelta = NonNullable<GatewayDelta['tool_calls']>[number];

/** A worker's JSON bytes, read with `schema`; a 500 when they break the contract. */
export function readGatewayAnswer<T>(schema: z.ZodType<T>, bytes: Buffer): T {
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw errors.internal('A worker sent an answer that is not JSON.');
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    throw errors.internal(
      `A worker sent an answer the gateway cannot read: ${z.prettifyError(parsed.error)}`,
    );
  }
  return parsed.data;
}
