import type { AttemptEvent } from '../../../libs/contracts';

/**
 * How an attempt counts for its endpoint's health. Only provider-side trouble is the endpoint's
 * fault: 5xx, 429, timeouts and no worker answering, which the gateway marks retryable. A client's
 * 400, a cancelled request or a missing key say nothing about the endpoint, so they are ignored.
 */
export type AttemptOutcome = 'success' | 'failure' | 'ignored';

export function outcomeOf(event: Pick<AttemptEvent, 'ok' | 'status' | 'retryable'>): AttemptOutcome {
  if (event.ok) return 'success';
  const providerSide = event.status >= 500 || event.status === 429 || event.status === 408;
  return event.retryable && providerSide ? 'failure' : 'ignored';
}

/** Completion tokens per second of generation; null when the attempt cannot tell. */
export function throughputOf(event: Pick<AttemptEvent, 'completionTokens' | 'generationMs'>): number | null {
  const { completionTokens, generationMs } = event;
  if (!completionTokens || !generationMs || generationMs <= 0) return null;
  return completionTokens / (generationMs / 1000);
}
