import type { AttemptSummary } from '../../../libs/contracts';
import { gatewayOverheadMs } from './gateway-overhead';

const served = (upstreamMs?: number) => ({ upstreamMs }) as AttemptSummary;

describe('gatewayOverheadMs', () => {
  it.each([
    ['the whole time less the provider’s', 100, 201.234, served(100), 1.23],
    ['never below zero (clocks of two processes)', 100, 100.5, served(1), 0],
    ['nothing when no attempt served', 100, 150, null, null],
    ['nothing when the worker did not say how long it waited', 100, 150, served(), null],
  ])('is %s', (_case, receivedAt, now, summary, expected) => {
    expect(gatewayOverheadMs(receivedAt, now, summary)).toBe(expected);
  });
});
