import type { AttemptSummary } from '../../../libs/contracts';

export interface Charge {
  /** USD charged on the gateway's credentials. */
  totalCost: number;
  /** BYOK: what the provider bills the key's owner, in USD; else null. */
  upstreamInferenceCost: number | null;
  isByok: boolean;
}

/**
 * What a generation costs its key. OpenRouter's zero-completion insurance: nothing is charged when
 * the answer has no completion tokens and no finish reason, or ended in an error.
 * https://openrouter.ai/docs/guides/features/zero-completion-insurance
 */
export function chargeOf(summary: AttemptSummary | null): Charge {
  if (!summary) return { totalCost: 0, upstreamInferenceCost: null, isByok: false };
  const { usage, finishReason } = summary;
  const insured =
    finishReason === 'error' ||
    (usage.completion_tokens === 0 && (finishReason === null || finishReason === undefined));
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
