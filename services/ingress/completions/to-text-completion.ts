import type { GatewayChunk, GatewayCompletion } from '../../../libs/contracts';

/** Legacy Completions' log probabilities: one list per field, alternatives as token → logprob. */
export interface LegacyLogprobs {
  tokens: string[];
  token_logprobs: number[];
  top_logprobs: Record<string, number>[];
  text_offset: number[];
}

interface ChatTokenLogprob {
  token: string;
  logprob: number;
  top_logprobs?: { token: string; logprob: number }[];
}

/**
 * Chat's `logprobs.content` (one entry per token, alternatives inside) in the legacy shape; `offset`
 * is where the first token starts in the whole answer's text. Null when the provider sent none.
 */
export function toLegacyLogprobs(logprobs: unknown, offset = 0): LegacyLogprobs | null {
  const content = (logprobs as { content?: unknown } | null | undefined)?.content;
  if (!Array.isArray(content)) return null;
  const legacy: LegacyLogprobs = { tokens: [], token_logprobs: [], top_logprobs: [], text_offset: [] };
  let at = offset;
  for (const entry of content as ChatTokenLogprob[]) {
    legacy.tokens.push(entry.token);
    legacy.token_logprobs.push(entry.logprob);
    legacy.top_logprobs.push(
      Object.fromEntries((entry.top_logprobs ?? []).map((top) => [top.token, top.logprob])),
    );
    legacy.text_offset.push(at);
    at += entry.token.length;
  }
  return legacy;
}

/**
 * The worker's `chat.completion` as a legacy `text_completion`: the message's text as the choice's
 * `text`, with OpenRouter's extras (provider, native finish reason, usage with cost) kept.
 * https://platform.openai.com/docs/api-reference/completions/object
 */
export function toTextCompletion(completion: GatewayCompletion): Record<string, unknown> {
  const { id, created, model, provider, choices, usage, object: _object, ...rest } = completion;
  return {
    id,
    object: 'text_completion',
    created,
    model,
    provider,
    ...rest,
    choices: choices.map((choice, index) => ({
      index,
      text: (choice.message.content ?? '') + (choice.message.refusal ?? ''),
      finish_reason: choice.finish_reason ?? null,
      native_finish_reason: choice.native_finish_reason ?? null,
      logprobs: toLegacyLogprobs(choice.logprobs),
    })),
    usage,
  };
}

/** One `chat.completion.chunk` as a streamed `text_completion`; `offset`: the text sent before it. */
export function toTextCompletionChunk(chunk: GatewayChunk, offset = 0): Record<string, unknown> {
  const { choices, object: _object, ...rest } = chunk;
  return {
    ...rest,
    object: 'text_completion',
    choices: choices.map((choice, index) => ({
      index,
      text: (choice.delta.content ?? '') + (choice.delta.refusal ?? ''),
      finish_reason: choice.finish_reason ?? null,
      native_finish_reason: choice.native_finish_reason ?? null,
      logprobs: toLegacyLogprobs(choice.logprobs, offset),
    })),
  };
}
