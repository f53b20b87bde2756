/**
 * A worker answers a ChatJob with frames on the requester's inbox. The kind and sequence travel in
 * headers so that ingress can forward a chunk's bytes to the client without parsing them.
 *
 * - `chunk`: a ready-to-send JSON body: a `chat.completion.chunk` when streaming, the whole
 *   `chat.completion` otherwise.
 * - `done`: the last frame of a successful attempt; its payload is an AttemptSummary.
 * - `error`: the last frame of a failed attempt; its payload is a WireError.
 */
export const FRAME_KIND_HEADER = 'Sy-Frame';
export const FRAME_SEQ_HEADER = 'Sy-Seq';

export type FrameKind = 'chunk' | 'done' | 'error';

/** OpenRouter's normalised finish reasons. */
export type FinishReason = 'stop' | 'length' | 'tool_calls' | 'content_filter' | 'error';

/** Usage in the OpenAI shape, with OpenRouter's `cost` (USD). */
export interface Usage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
  cost: number;
  prompt_tokens_details?: { cached_tokens?: number };
  completion_tokens_details?: { reasoning_tokens?: number };
}

export interface AttemptSummary {
  finishReason: FinishReason | null;
  nativeFinishReason: string | null;
  usage: Usage;
  /** The provider's own id for the response (`chatcmpl-…`). */
  upstreamId: string | null;
}
