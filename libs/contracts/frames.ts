/**
 * A worker answers a ChatJob with frames on the requester's inbox. The kind and sequence travel in
 * headers so that ingress can forward chunk bytes to the client without parsing them.
 *
 * - `chunk`: one or more ready-to-send JSON bodies, separated by `\n` (JSON text has no raw
 *   newline): `chat.completion.chunk`s when streaming, the whole `chat.completion` otherwise.
 *   Chunks that arrive from upstream together travel together.
 * - `done`: the last frame of a successful attempt: its last chunks (possibly none) and, in the
 *   `Sy-Summary` header, the AttemptSummary.
 * - `error`: the last frame of a failed attempt; its payload is a WireError. When content had been
 *   delivered before the failure, `Sy-Summary` holds an AttemptSummary of what was, so that it is
 *   recorded and charged (its usage then is usually `usage_estimated`).
 * - `beat`: the worker is alive and still on the attempt (sent after HEARTBEAT_INTERVAL_MS without
 *   any other frame, e.g. while the provider thinks). Empty, outside the numbering. Its absence for
 *   SILENCE_LIMIT_MS tells ingress that the process serving the attempt is gone.
 */
export const FRAME_KIND_HEADER = 'Sy-Frame';
export const FRAME_SEQ_HEADER = 'Sy-Seq';
export const FRAME_SUMMARY_HEADER = 'Sy-Summary';
export const CHUNK_SEPARATOR = 0x0a;

export type FrameKind = 'chunk' | 'done' | 'error' | 'beat';

/** How often a worker with nothing else to send says it is still there. */
export const HEARTBEAT_INTERVAL_MS = 500;
/**
 * How long ingress waits without any frame (a chunk, a beat) before it takes
 * the process on the other end for dead: four missed beats, far above NATS's own latency.
 */
export const SILENCE_LIMIT_MS = 2000;

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
  /** The key's own provider credential served it; `cost` is then 0, and the provider's bill is below. */
  is_byok?: boolean;
  cost_details?: { upstream_inference_cost: number | null };
  /**
   * The gateway counted the tokens itself (the provider sent no usage, or the stream ended before
   * it did), with a tokenizer close to the model's; `cost` is priced from that count.
   */
  usage_estimated?: true;
}

export interface AttemptSummary {
  finishReason: FinishReason | null;
  nativeFinishReason: string | null;
  usage: Usage;
  /** The provider's own id for the response (`chatcmpl-…`). */
  upstreamId: string | null;
  /**
   * How long the worker waited on the provider, from sending the request to its last byte (ms):
   * what the gateway's own overhead is measured against.
   */
  upstreamMs?: number;
}
