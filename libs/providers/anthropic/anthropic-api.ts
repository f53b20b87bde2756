import { z } from 'zod';

/**
 * What Anthropic's Messages API answers, as loose as the recordings require and no looser: extra
 * fields (`cache_creation`, `service_tier`, `inference_geo`, …) pass, a wrong type fails at the
 * boundary. Block, delta and event types the gateway never asks for (server tools, citations,
 * compaction) are passed over rather than refused: Anthropic's versioning policy adds such variants
 * within a version.
 * https://platform.claude.com/docs/en/api/messages
 * https://platform.claude.com/docs/en/build-with-claude/streaming#event-types
 * https://platform.claude.com/docs/en/api/versioning
 */
export const anthropicUsageSchema = z
  .object({
    input_tokens: z.number().nullish(),
    output_tokens: z.number().nullish(),
    cache_creation_input_tokens: z.number().nullish(),
    cache_read_input_tokens: z.number().nullish(),
    output_tokens_details: z.object({ thinking_tokens: z.number().nullish() }).loose().nullish(),
  })
  .loose();

/** Any value of `type` but the given ones, read as one `ignored` variant that narrows cleanly. */
function otherThan<T extends string>(known: readonly T[]) {
  const knownTypes = new Set<string>(known);
  return z
    .object({ type: z.string() })
    .loose()
    .refine((value) => !knownTypes.has(value.type))
    .transform(() => ({ type: 'ignored' as const }));
}

const textBlockSchema = z.object({ type: z.literal('text'), text: z.string() }).loose();
const thinkingBlockSchema = z
  .object({ type: z.literal('thinking'), thinking: z.string(), signature: z.string().nullish() })
  .loose();
const redactedThinkingBlockSchema = z
  .object({ type: z.literal('redacted_thinking'), data: z.string() })
  .loose();
const toolUseBlockSchema = z
  .object({ type: z.literal('tool_use'), id: z.string(), name: z.string(), input: z.unknown() })
  .loose();

export const contentBlockSchema = z.union([
  textBlockSchema,
  thinkingBlockSchema,
  redactedThinkingBlockSchema,
  toolUseBlockSchema,
  otherThan(['text', 'thinking', 'redacted_thinking', 'tool_use']),
]);

/** Anthropic's explanation of a refusal; `null` when it names no policy. */
const stopDetailsSchema = z.object({ explanation: z.string().nullish() }).loose().nullish();

export const messageSchema = z
  .object({
    id: z.string().nullish(),
    type: z.literal('message'),
    content: z.array(contentBlockSchema),
    stop_reason: z.string().nullish(),
    stop_details: stopDetailsSchema,
    usage: anthropicUsageSchema.nullish(),
  })
  .loose();

const deltaSchema = z.union([
  z.object({ type: z.literal('text_delta'), text: z.string() }).loose(),
  z.object({ type: z.literal('input_json_delta'), partial_json: z.string() }).loose(),
  z.object({ type: z.literal('thinking_delta'), thinking: z.string() }).loose(),
  z.object({ type: z.literal('signature_delta'), signature: z.string() }).loose(),
  otherThan(['text_delta', 'input_json_delta', 'thinking_delta', 'signature_delta']),
]);

/** The body of an `error` event, and of an HTTP error: `{"type":"error","error":{"type","message"}}`. */
export const errorBodySchema = z
  .object({
    type: z.literal('error'),
    error: z.object({ type: z.string(), message: z.string().nullish() }).loose(),
  })
  .loose();

const blockIndex = z.number().int().nonnegative();

export const streamEventSchema = z.union([
  z
    .object({
      type: z.literal('message_start'),
      message: z.object({ id: z.string().nullish(), usage: anthropicUsageSchema.nullish() }).loose(),
    })
    .loose(),
  z
    .object({ type: z.literal('content_block_start'), index: blockIndex, content_block: contentBlockSchema })
    .loose(),
  z.object({ type: z.literal('content_block_delta'), index: blockIndex, delta: deltaSchema }).loose(),
  z.object({ type: z.literal('content_block_stop'), index: blockIndex }).loose(),
  z
    .object({
      type: z.literal('message_delta'),
      delta: z.object({ stop_reason: z.string().nullish(), stop_details: stopDetailsSchema }).loose(),
      usage: anthropicUsageSchema.nullish(),
    })
    .loose(),
  z.object({ type: z.literal('message_stop') }).loose(),
  z.object({ type: z.literal('ping') }).loose(),
  errorBodySchema,
  otherThan([
    'message_start',
    'content_block_start',
    'content_block_delta',
    'content_block_stop',
    'message_delta',
    'message_stop',
    'ping',
    'error',
  ]),
]);

export type AnthropicUsage = z.infer<typeof anthropicUsageSchema>;
export type ContentBlock = z.infer<typeof contentBlockSchema>;
export type AnthropicMessageResponse = z.infer<typeof messageSchema>;
export type StreamEvent = z.infer<typeof streamEventSchema>;
export type AnthropicErrorBody = z.infer<typeof errorBodySchema>;
