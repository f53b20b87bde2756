import type { ProviderConfig, ProviderFamily } from '../catalog';
import type { AttemptSummary, ChatJob, GatewayError } from '../contracts';

export interface UpstreamRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
}

/** Reads one provider stream, one SSE event at a time, into OpenRouter chunks. */
export interface StreamTranslation {
  /** Zero or more `chat.completion.chunk` JSON strings for one SSE event. */
  push(data: string, event?: string): string[];
  /** Whether the provider signalled the normal end of its stream (`[DONE]`, `message_stop`, …). */
  readonly complete: boolean;
  /**
   * The priced usage chunk that the gateway always sends last, and the attempt's summary. Usage the
   * provider did not send is counted by the gateway (`usage_estimated`).
   */
  finish(): { usageChunk: string; summary: AttemptSummary };
  /**
   * For a stream that stopped before its end (cut, stalled, cancelled): the summary of what it has
   * translated so far, with estimated usage and no finish reason, for the attempt to be recorded
   * and charged; null when nothing was (no text, reasoning or tool call). Reads, never changes,
   * the translation: it may be called at any point, and more than once.
   */
  partial(): AttemptSummary | null;
}

/** How a family asks its providers for embeddings (absent: its API has none). */
export interface EmbeddingsTranslation {
  buildRequest(job: ChatJob, provider: ProviderConfig, apiKey: string | undefined): UpstreamRequest;
  translate(job: ChatJob, upstream: unknown): { body: string; summary: AttemptSummary };
}

/**
 * Everything one wire-protocol family needs: pure translation both ways and error
 * classification. The worker runtime does the rest (NATS, HTTP, deadlines, cancellation).
 */
export interface ProviderAdapter {
  family: ProviderFamily;
  buildRequest(job: ChatJob, provider: ProviderConfig, apiKey: string | undefined): UpstreamRequest;
  translateCompletion(job: ChatJob, upstream: unknown): { body: string; summary: AttemptSummary };
  createStreamTranslation(job: ChatJob): StreamTranslation;
  classifyError(
    status: number,
    headers: Record<string, string | string[] | undefined>,
    bodyText: string,
    provider: ProviderConfig,
  ): GatewayError;
  networkError(error: unknown, provider: ProviderConfig): GatewayError;
  /** Jobs that carry `embeddings` (POST /embeddings). */
  embeddings?: EmbeddingsTranslation;
}
