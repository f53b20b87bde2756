import type { AttemptSummary } from '../../../libs/contracts';

/**
 * What the gateway added to a served request (ms, to a hundredth): its whole time, from receipt
 * to the answer's end, less the time its worker waited on the provider. A request that fell back
 * counts its failed attempts as the gateway's time. Null when no attempt served it.
 */
export function gatewayOverheadMs(
  receivedAt: number,
  now: number,
  summary: AttemptSummary | null,
): number | null {
  if (summary?.upstreamMs === undefined) return null;
  return Math.max(0, Math.round((now - receivedAt - summary.upstreamMs) * 100) / 100);
}
