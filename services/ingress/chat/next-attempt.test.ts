import { GatewayError, type PlannedAttempt, type RetryScope } from '../../../libs/contracts';
import { nextAttempt, type FailedAttempt } from './next-attempt';

const planned = (providerId: string): PlannedAttempt =>
  ({ model: 'm', subject: `p.${providerId}`, endpoint: { providerId } }) as PlannedAttempt;

/** Endpoints a1 and a2 of provider a, then b. */
const plan = [planned('a'), planned('a'), planned('b')];

const failed = (position: number, scope: RetryScope, retryAfterMs?: number): FailedAttempt => ({
  position,
  providerId: plan[position % plan.length].endpoint.providerId,
  error: new GatewayError({ status: 502, message: 'x', retryable: true, retryScope: scope, retryAfterMs }),
});

describe('nextAttempt', () => {
  it.each([
    [
      'the next endpoint, after a backoff when it is the same provider',
      [failed(0, 'endpoint')],
      1,
      { position: 1, pauseMs: 100 },
    ],
    ['another provider at once', [failed(1, 'endpoint')], 1, { position: 2, pauseMs: 0 }],
    [
      'the same endpoint at once after a lost replica',
      [failed(1, 'replica')],
      1,
      { position: 1, pauseMs: 0 },
    ],
    [
      'the same endpoint twice more for lost replicas',
      [failed(1, 'replica'), failed(1, 'replica')],
      1,
      { position: 1, pauseMs: 0 },
    ],
    [
      'on after three lost replicas in a row',
      [failed(1, 'replica'), failed(1, 'replica'), failed(1, 'replica')],
      1,
      { position: 2, pauseMs: 0 },
    ],
    [
      'past every endpoint of a provider that answered garbage',
      [failed(0, 'provider')],
      1,
      { position: 2, pauseMs: 0 },
    ],
    [
      'a later round with backoff for a provider that failed before',
      [failed(0, 'endpoint'), failed(1, 'endpoint'), failed(2, 'endpoint')],
      1,
      { position: 3, pauseMs: 200 },
    ],
    [
      'past a provider whose Retry-After is too long',
      [failed(0, 'endpoint', 60_000), failed(1, 'endpoint', 60_000), failed(2, 'endpoint')],
      1,
      { position: 5, pauseMs: 100 },
    ],
    [
      'nothing after the last round',
      [failed(3, 'endpoint'), failed(4, 'endpoint'), failed(5, 'endpoint')],
      1,
      null,
    ],
    ['nothing when no retry round is allowed', [failed(2, 'endpoint')], 0, null],
    [
      'past the garbage provider into the next round',
      [failed(2, 'endpoint'), failed(3, 'provider')],
      1,
      { position: 5, pauseMs: 100 },
    ],
  ])('chooses %s', (_case, failures, rounds, expected) => {
    expect(nextAttempt(plan, failures, rounds, 10_000, () => 1)).toEqual(expected);
  });

  it('has nothing to try without a plan or a failure', () => {
    expect(nextAttempt([], [failed(0, 'endpoint')], 1, 10_000)).toBeNull();
    expect(nextAttempt(plan, [], 1, 10_000)).toBeNull();
  });
});
