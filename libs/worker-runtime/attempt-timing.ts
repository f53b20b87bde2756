import type { AttemptEvent, ChatJob, GatewayError } from '../contracts';

/** What runAttempt measures of one upstream call, as it goes; epoch ms, null until it happened. */
export interface AttemptTiming {
  startedAt: number;
  /** Response headers received. */
  firstByteAt: number | null;
  /** First chunk out (streamed) or whole body in (not streamed). */
  firstTokenAt: number | null;
  /** The provider last sent bytes of a stream. */
  lastReadAt: number | null;
  status: number | null;
  promptTokens: number | null;
  completionTokens: number | null;
  finishReason: string | null;
}

export function startTiming(now: number): AttemptTiming {
  return {
    startedAt: now,
    firstByteAt: null,
    firstTokenAt: null,
    lastReadAt: null,
    status: null,
    promptTokens: null,
    completionTokens: null,
    finishReason: null,
  };
}

/** The AttemptEvent of a worker's attempt: `failure` absent means it served. */
export function toAttemptEvent(
  job: ChatJob,
  timing: AttemptTiming,
  endedAt: number,
  failure?: GatewayError,
): AttemptEvent {
  const since = (at: number | null) => (at === null ? null : at - timing.startedAt);
  // A streamed answer's throughput counts from its first token; a whole body has no such split.
  const generationStart = job.stream ? timing.firstTokenAt : timing.startedAt;
  return {
    generationId: job.generationId,
    attempt: job.attempt,
    source: 'worker',
    model: job.model,
    providerId: job.endpoint.providerId,
    upstreamModel: job.endpoint.upstreamModel,
    endedAt,
    ok: !failure,
    status: failure ? failure.status : (timing.status ?? 200),
    retryable: failure?.retryable ?? false,
    errorMessage: failure?.message ?? null,
    firstByteMs: since(timing.firstByteAt),
    firstTokenMs: since(timing.firstTokenAt),
    generationMs: failure || generationStart === null ? null : endedAt - generationStart,
    completionTokens: failure ? null : timing.completionTokens,
  };
}
