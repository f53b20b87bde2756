import type { AttemptSummary, FinishReason } from '../../../libs/contracts';
import { chargedToLimit, chargeOf } from './charge';

const summary = (completion: number, finishReason: FinishReason | null, extra = {}): AttemptSummary => ({
  finishReason,
  nativeFinishReason: null,
  usage: {
    prompt_tokens: 10,
    completion_tokens: completion,
    total_tokens: 10 + completion,
    cost: 0.5,
    ...extra,
  },
  upstreamId: null,
});

describe('chargeOf', () => {
  it.each([
    ['an answer', summary(3, 'stop'), 0.5],
    ['an answer cut at max_tokens', summary(3, 'length'), 0.5],
    ['an empty answer that says why it stopped', summary(0, 'stop'), 0.5],
    ['an empty answer without a finish reason (insured)', summary(0, null), 0],
    ['an empty answer that ended in an error (insured)', summary(0, 'error'), 0],
    ['an answer that delivered content, then ended in an error', summary(4, 'error'), 0.5],
    [
      'an answer cut, stalled or cancelled after content, at its estimated usage',
      summary(4, null, { usage_estimated: true }),
      0.5,
    ],
    ['no answer at all', null, 0],
  ])('charges %s', (_case, given, cost) => {
    expect(chargeOf(given).totalCost).toBe(cost);
  });

  it("keeps a BYOK answer's provider bill apart from what the gateway charges", () => {
    const byok = summary(3, 'stop', {
      cost: 0,
      is_byok: true,
      cost_details: { upstream_inference_cost: 0.25 },
    });
    expect(chargeOf(byok)).toEqual({ totalCost: 0, upstreamInferenceCost: 0.25, isByok: true });
    expect(chargedToLimit(chargeOf(byok), false)).toBe(0);
    expect(chargedToLimit(chargeOf(byok), true)).toBe(0.25);
  });
});
