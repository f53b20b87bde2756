import type { AttemptSummary } from '../../../libs/contracts';

export interface Charge {
  /** USD charged on the gateway's credentials. */
  totalCost: number;
  /** BYOK: what the provider bills the key's owner, in USD; else null. */
  upstreamInferenceCost: number | null;
  isByok: boolean;
}

/**
 * What a generation costs its key. OpenRouter's zero-completion insurance: nothing is charged for
 * an answer that delivered nothing (no completion tokens) and either gave no finish reason or
 * ended in an error. An answer that delivered content and then failed (cut, stalled, cancelled)
 * is charged what it delivered, its usage then usually the gateway's estimate (`usage_estimated`).
 * https://openrouter.ai/docs/guides/features/zero-completion-insurance
 */
export function chargeOf(summary: AttemptSummary | null): Charge {
  if (!summary) return { totalCost: 0, upstreamInferenceCost: null, isByok: false };
  const { usage, finishReason } = summary;
  const insured =
    usage.completion_tokens === 0 &&
    (finishReason === null || finishReason === undefined || finishReason === 'error');
  const isByok = usage.is_byok === true;
  return {
    totalCost: insured ? 0 : usage.cost,
    upstreamInferenceCost: isByok ? (usage.cost_details?.upstream_inference_cost ?? null) : null,
    isByok,
  };
}

/** What counts against the key's limit: the charge, and what its own credentials spent when it says so. */
export function chargedToLimit(charge: Charge, includeByokInLimit: boolean): number {
  return charge.totalCost + (includeByokInLimit ? (charge.upstreamInferenceCost ?? 0) : 0);
}
