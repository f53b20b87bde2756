import type { FinishReason } from './frames';

/** What happened to one attempt of a generation; OpenRouter calls the list `provider_responses`. */
export interface AttemptRecord {
  providerId: string;
  providerName: string;
  model: string;
  upstreamModel: string;
  /** Upstream HTTP status, or the gateway's own status when the attempt never reached the provider. */
  status: number;
  latencyMs: number;
  error?: string;
}

/** Published once per accepted request, when its answer ends (successfully or not). */
export interface GenerationEvent {
  id: string;
  createdAt: string;
  model: string;
  providerId: string | null;
  providerName: string | null;
  upstreamModel: string | null;
  upstreamId: string | null;
  streamed: boolean;
  cancelled: boolean;
  status: 'success' | 'error';
  errorCode: number | null;
  errorMessage: string | null;
  finishReason: FinishReason | null;
  nativeFinishReason: string | null;
  tokensPrompt: number;
  tokensCompletion: number;
  tokensReasoning: number;
  tokensCached: number;
  /** The gateway counted the tokens (`usage_estimated`): the provider sent no usage, or the stream ended before it did. */
  usageEstimated: boolean;
  /** USD charged on the gateway's own credentials (0 under zero-completion insurance, or with BYOK). */
  totalCost: number;
  /** Whether the key's own provider credential (BYOK) served it. */
  isByok: boolean;
  /** BYOK: what the provider bills the key's owner directly, in USD; else null. */
  upstreamInferenceCost: number | null;
  /** ms from the request's arrival to its first byte to the client. */
  latencyMs: number | null;
  /** ms from the request's arrival to the answer's end. */
  generationTimeMs: number;
  /** ms the gateway added to a served request: its whole time less the provider's; else null. */
  gatewayOverheadMs: number | null;
  attempts: AttemptRecord[];
  /** The hash of the key that made the request (never the key). */
  apiKeyId: string | null;
  user: string | null;
  sessionId: string | null;
  /** The preset slug when the request named `@preset/<slug>`, else null. */
  preset: string | null;
  /** The preset variant the request was routed to, else null. */
  variant: string | null;
  /** OpenRouter's app attribution: the request's `HTTP-Referer` and `X-Title`, else null. */
  appReferer: string | null;
  appTitle: string | null;
  /** The request's parameters the serving endpoint does not take, left out by its worker. */
  droppedParameters: string[];
  /** The W3C trace context of the request's span, so that the record's write links to it; absent when not tracing. */
  traceparent?: string;
}

/**
 * Published once per attempt, as it ends, by the worker that made it, or by ingress when no worker
 * answered at all (no responders, first-frame timeout). The router's health tracker learns from
 * it. Durations are ms from the start of the upstream call (ingress: from sending the job).
 */
export interface AttemptEvent {
  generationId: string;
  attempt: number;
  /** Who saw the outcome: a worker's upstream call, or ingress waiting for a worker. */
  source: 'worker' | 'ingress';
  /** Public model id (`author/slug`). */
  model: string;
  providerId: string;
  upstreamModel: string;
  /** Epoch ms at which the attempt ended. */
  endedAt: number;
  ok: boolean;
  /** Upstream HTTP status, or the gateway's own status when the provider never answered. */
  status: number;
  /** True for a failure another endpoint or a later try may not have: the endpoint's fault (5xx, 429, timeouts). */
  retryable: boolean;
  errorMessage: string | null;
  /** Until the response headers arrived; null when they never did. */
  firstByteMs: number | null;
  /** Until the first token (streamed) or the whole body (not streamed); null when none came. */
  firstTokenMs: number | null;
  /** From the first token to the end (not streamed: the whole call), for throughput; null on failure. */
  generationMs: number | null;
  completionTokens: number | null;
  /** The W3C trace context of the attempt's span, so that the router's work on it links to it; absent when not tracing. */
  traceparent?: string;
}
