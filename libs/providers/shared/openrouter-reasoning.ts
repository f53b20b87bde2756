import { z } from 'zod';
import { describeValidationError, errors, type ChatRequest } from '../../contracts';

/** OpenRouter's efforts, strongest first. https://openrouter.ai/docs/use-cases/reasoning-tokens */
export const reasoningEfforts = ['xhigh', 'high', 'medium', 'low', 'minimal', 'none'] as const;
export type ReasoningEffort = (typeof reasoningEfforts)[number];

/**
 * OpenRouter's `reasoning` object and its older `include_reasoning` flag (false is `exclude: true`).
 * https://openrouter.ai/docs/api-reference/parameters#reasoning
 */
const reasoningFieldsSchema = z.object({
  reasoning: z
    .object({
      effort: z.enum(reasoningEfforts).nullish(),
      max_tokens: z.number().int().positive().nullish(),
      exclude: z.boolean().nullish(),
      enabled: z.boolean().nullish(),
    })
    .loose()
    .nullish(),
  include_reasoning: z.boolean().nullish(),
});

/** What the client asked of the model's reasoning, with OpenRouter's two spellings merged. */
export interface ReasoningRequest {
  effort?: ReasoningEffort;
  /** A reasoning budget in tokens (Anthropic-style). */
  maxTokens?: number;
  enabled?: boolean;
  /** The model reasons, but the answer leaves its reasoning out. */
  exclude: boolean;
}

/** The client's reasoning fields; a malformed `reasoning` is the client's 400, naming the field. */
export function readReasoningRequest(request: ChatRequest): ReasoningRequest {
  const parsed = reasoningFieldsSchema.safeParse(request);
  if (!parsed.success) throw errors.badRequest(describeValidationError(parsed.error));
  const { reasoning, include_reasoning: includeReasoning } = parsed.data;
  return {
    ...(reasoning?.effort && { effort: reasoning.effort }),
    ...(reasoning?.max_tokens && { maxTokens: reasoning.max_tokens }),
    ...(typeof reasoning?.enabled === 'boolean' && { enabled: reasoning.enabled }),
    exclude: reasoning?.exclude === true || includeReasoning === false,
  };
}

/**
 * Whether the answer must leave the reasoning out. Never throws: the request was checked when it
 * was sent upstream, and an answer is not the place to reject it.
 */
export function isReasoningExcluded(request: ChatRequest): boolean {
  const parsed = reasoningFieldsSchema.safeParse(request);
  return (
    parsed.success && (parsed.data.reasoning?.exclude === true || parsed.data.include_reasoning === false)
  );
}
