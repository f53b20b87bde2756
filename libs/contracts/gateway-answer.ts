import { z } from 'zod';

/**
 * What every worker answers in, whatever the provider: OpenRouter's `chat.completion` and
 * `chat.completion.chunk`. The provider families write the assistant message, tool calls and stream
 * deltas with these types; ingress reads them back with these schemas where it must re-shape an answer
 * (Anthropic's `/messages`), so a worker that breaks the contract fails there, loudly.
 * https://openrouter.ai/docs/api-reference/chat-completion
 * https://openrouter.ai/docs/api-reference/streaming
 * https://openrouter.ai/docs/use-cases/reasoning-tokens#reasoning-details-api-shape
 */
const detailPlace = {
  format: z.string().optional(),
  index: z.number().optional(),
  id: z.string().optional(),
};

export const reasoningDetailSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('reasoning.text'),
    text: z.string(),
    signature: z.string().optional(),
    ...detailPlace,
  }),
  z.object({ type: z.literal('reasoning.summary'), summary: z.string(), ...detailPlace }),
  z.object({ type: z.literal('reasoning.encrypted'), data: z.string(), ...detailPlace }),
]);

export const assistantToolCallSchema = z.object({
  id: z.string(),
  type: z.literal('function'),
  function: z.object({ name: z.string(), arguments: z.string() }),
});

/** The whole answer's message. Content is null only beside tool calls, as OpenAI's clients expect. */
export const assistantMessageSchema = z.object({
  role: z.literal('assistant'),
  content: z.string().nullable(),
  refusal: z.string().nullish(),
  reasoning: z.string().optional(),
  reasoning_details: z.array(reasoningDetailSchema).optional(),
  tool_calls: z.array(assistantToolCallSchema).optional(),
});

/** One piece of a streamed tool call: its first carries id, type and name, the next ones arguments. */
export const toolCallDeltaSchema = z.object({
  index: z.number().int().nonnegative(),
  id: z.string().optional(),
  type: z.literal('function').optional(),
  function: z.object({ name: z.string().optional(), arguments: z.string() }),
});

export const chunkDeltaSchema = z.object({
  role: z.literal('assistant').optional(),
  content: z.string().nullish(),
  refusal: z.string().nullish(),
  reasoning: z.string().optional(),
  reasoning_details: z.array(reasoningDetailSchema).optional(),
  tool_calls: z.array(toolCallDeltaSchema).optional(),
});

/** Read as much of `Usage` as the re-shaping needs; the rest passes. */
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

const finishReasonSchema = z.enum(['stop', 'length', 'tool_calls', 'content_filter', 'error']).nullish();

export const gatewayCompletionSchema = z
  .object({
    id: z.string(),
    model: z.string(),
    choices: z
      .array(
        z
          .object({
            message: assistantMessageSchema,
            finish_reason: finishReasonSchema,
            native_finish_reason: z.string().nullish(),
          })
          .loose(),
      )
      .min(1),
    usage: usageSchema,
  })
  .loose();

export const gatewayChunkSchema = z
  .object({
    id: z.string(),
    model: z.string(),
    choices: z.array(
      z
        .object({
          delta: chunkDeltaSchema,
          finish_reason: finishReasonSchema,
          native_finish_reason: z.string().nullish(),
        })
        .loose(),
    ),
    usage: usageSchema.nullish(),
  })
  .loose();

export type ReasoningDetail = z.infer<typeof reasoningDetailSchema>;
export type AssistantToolCall = z.infer<typeof assistantToolCallSchema>;
export type AssistantMessage = z.infer<typeof assistantMessageSchema>;
export type ToolCallDelta = z.infer<typeof toolCallDeltaSchema>;
export type ChunkDelta = z.infer<typeof chunkDeltaSchema>;
export type GatewayUsage = z.infer<typeof usageSchema>;
export type GatewayCompletion = z.infer<typeof gatewayCompletionSchema>;
export type GatewayChunk = z.infer<typeof gatewayChunkSchema>;
