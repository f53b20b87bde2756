import { z } from 'zod';

/**
 * What OpenAI-compatible providers answer, as loose as the recordings require and no looser: extra
 * fields (`x_groq`, `obfuscation`, `system_fingerprint`, …) pass, a wrong type fails at the boundary.
 * Fields are `nullish` because providers write `null` where OpenAI leaves a field out.
 * https://platform.openai.com/docs/api-reference/chat/object
 * https://platform.openai.com/docs/api-reference/chat-streaming/streaming
 */
export const upstreamUsageSchema = z
  .object({
    prompt_tokens: z.number().nullish(),
    completion_tokens: z.number().nullish(),
    total_tokens: z.number().nullish(),
    prompt_tokens_details: z.object({ cached_tokens: z.number().nullish() }).loose().nullish(),
    completion_tokens_details: z.object({ reasoning_tokens: z.number().nullish() }).loose().nullish(),
    /** DeepSeek's name for cached prompt tokens. https://api-docs.deepseek.com/guides/kv_cache */
    prompt_cache_hit_tokens: z.number().nullish(),
  })
  .loose();

const toolCallSchema = z
  .object({
    id: z.string(),
    type: z.literal('function').nullish(),
    function: z.object({ name: z.string(), arguments: z.string() }).loose(),
  })
  .loose();

const messageSchema = z
  .object({
    content: z.string().nullish(),
    refusal: z.string().nullish(),
    /** DeepSeek and xAI. https://api-docs.deepseek.com/guides/reasoning_model */
    reasoning_content: z.string().nullish(),
    /** Groq. https://console.groq.com/docs/reasoning */
    reasoning: z.string().nullish(),
    tool_calls: z.array(toolCallSchema).nullish(),
  })
  .loose();

export const chatCompletionSchema = z
  .object({
    id: z.string().nullish(),
    created: z.number().nullish(),
    choices: z
      .array(
        z
          .object({
            index: z.number().int().nonnegative().nullish(),
            message: messageSchema,
            finish_reason: z.string().nullish(),
            logprobs: z.unknown().optional(),
          })
          .loose(),
      )
      .min(1, 'a completion needs at least one choice'),
    usage: upstreamUsageSchema.nullish(),
  })
  .loose();

const toolCallDeltaSchema = z
  .object({
    index: z.number().int().nonnegative().nullish(),
    id: z.string().nullish(),
    type: z.literal('function').nullish(),
    function: z.object({ name: z.string().nullish(), arguments: z.string().nullish() }).loose().nullish(),
  })
  .loose();

const deltaSchema = z
  .object({
    role: z.string().nullish(),
    content: z.string().nullish(),
    refusal: z.string().nullish(),
    reasoning_content: z.string().nullish(),
    reasoning: z.string().nullish(),
    tool_calls: z.array(toolCallDeltaSchema).nullish(),
  })
  .loose();

export const chatChunkSchema = z
  .object({
    id: z.string().nullish(),
    created: z.number().nullish(),
    /** Empty on the usage-only chunk that ends an OpenAI stream. */
    choices: z.array(
      z
        .object({
          index: z.number().int().nonnegative().nullish(),
          delta: deltaSchema,
          finish_reason: z.string().nullish(),
          logprobs: z.unknown().optional(),
        })
        .loose(),
    ),
    usage: upstreamUsageSchema.nullish(),
    /** Groq's own place for usage. https://console.groq.com/docs/api-reference#chat-create */
    x_groq: z.object({ usage: upstreamUsageSchema.nullish() }).loose().nullish(),
  })
  .loose();

export type UpstreamUsage = z.infer<typeof upstreamUsageSchema>;
export type UpstreamMessage = z.infer<typeof messageSchema>;
export type UpstreamDelta = z.infer<typeof deltaSchema>;
