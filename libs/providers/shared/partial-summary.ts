import type { AttemptSummary, ChatJob, Usage } from '../../contracts';
import type { DeliveredText } from './delivered-text';
import { estimateUsage } from './estimate-usage';

/**
 * The summary of a stream that stopped before its end (cut, stalled, cancelled), so that what it
 * delivered is recorded and charged: no finish reason, estimated usage. Null when nothing was
 * delivered, which costs nothing.
 */
export function partialSummary(
  job: ChatJob,
  delivered: DeliveredText,
  reported: Usage | null,
  ids: Pick<AttemptSummary, 'upstreamId' | 'nativeFinishReason'>,
): AttemptSummary | null {
  if (delivered.empty) return null;
  return { finishReason: null, ...ids, usage: estimateUsage(job, delivered, reported) };
}
