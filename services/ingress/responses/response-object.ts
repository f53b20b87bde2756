import type { GatewayUsage } from '../../../libs/contracts';
import type { ResponsesRequest } from './responses-request';

/** The request's settings that a Response repeats, as OpenAI's does. */
export interface ResponseSettings {
  instructions: string | null;
  max_output_tokens: number | null;
  metadata: Record<string, string>;
  parallel_tool_calls: boolean;
  temperature: number | null;
  top_p: number | null;
  tool_choice: unknown;
  tools: unknown[];
  text: unknown;
  reasoning: unknown;
  store: false;
  previous_response_id: null;
}

export function responseSettings(request: ResponsesRequest): ResponseSettings {
  return {
    instructions: request.instructions ?? null,
    max_output_tokens: request.max_output_tokens ?? null,
    metadata: request.metadata ?? {},
    parallel_tool_calls: request.parallel_tool_calls ?? true,
    temperature: request.temperature ?? null,
    top_p: request.top_p ?? null,
    tool_choice: request.tool_choice ?? 'auto',
    tools: request.tools ?? [],
    text: request.text ?? { format: { type: 'text' } },
    reasoning: request.reasoning ?? null,
    store: false,
    previous_response_id: null,
  };
}

export type ResponseStatus = 'in_progress' | 'completed' | 'incomplete' | 'failed';

/** Why a response stopped short: OpenAI's two reasons, from the chat finish reason. */
export function incompleteReason(
  finishReason: string | null | undefined,
): 'max_output_tokens' | 'content_filter' | null {
  if (finishReason === 'length') return 'max_output_tokens';
  if (finishReason === 'content_filter') return 'content_filter';
  return null;
}

/**
 * Chat usage in the Responses shape: prompt tokens are input, completion tokens output; OpenRouter's
 * `cost` (and what else it adds, `is_byok`, `cost_details`) is kept.
 * https://platform.openai.com/docs/api-reference/responses/object#responses/object-usage
 */
export function toResponseUsage(usage: GatewayUsage | null | undefined): Record<string, unknown> | null {
  if (!usage) return null;
  const {
    prompt_tokens,
    completion_tokens,
    total_tokens,
    prompt_tokens_details,
    completion_tokens_details,
    ...extra
  } = usage as GatewayUsage & {
    total_tokens?: number;
    completion_tokens_details?: { reasoning_tokens?: number | null } | null;
  };
  return {
    input_tokens: prompt_tokens,
    input_tokens_details: { cached_tokens: prompt_tokens_details?.cached_tokens ?? 0 },
    output_tokens: completion_tokens,
    output_tokens_details: { reasoning_tokens: completion_tokens_details?.reasoning_tokens ?? 0 },
    total_tokens: total_tokens ?? prompt_tokens + completion_tokens,
    ...extra,
  };
}

/** Output item ids from the generation id (`gen-<s>-<r>` → `msg_<s>-<r>`), unique within a response. */
export function itemId(prefix: 'msg' | 'rs' | 'fc', generationId: string, index: number): string {
  return `${prefix}_${generationId.replace(/^gen-/, '')}_${index}`;
}

export interface ResponseHead {
  id: string;
  model: string;
  createdAt: number;
  settings: ResponseSettings;
}

/** The whole Response object around `output`. */
export function responseObject(
  head: ResponseHead,
  fields: {
    status: ResponseStatus;
    output: unknown[];
    usage?: Record<string, unknown> | null;
    error?: { code: string; message: string } | null;
    incompleteReason?: string | null;
    provider?: unknown;
  },
): Record<string, unknown> {
  return {
    id: head.id,
    object: 'response',
    created_at: head.createdAt,
    model: head.model,
    ...(fields.provider !== undefined && { provider: fields.provider }),
    status: fields.status,
    output: fields.output,
    error: fields.error ?? null,
    incomplete_details: fields.incompleteReason ? { reason: fields.incompleteReason } : null,
    usage: fields.usage ?? null,
    ...head.settings,
  };
}
