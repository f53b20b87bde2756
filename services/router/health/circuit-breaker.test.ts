import {
  afterAttempt,
  circuitAt,
  closedBreaker,
  DEFAULT_BREAKER,
  type BreakerState,
  type RecentAttempts,
} from './circuit-breaker';

const T0 = 1_000_000;
const quiet: RecentAttempts = { requests: 1, failures: 1 };
const open = (openedAt: number, cooldownMs = 30_000): BreakerState => ({
  phase: 'open',
  consecutiveFailures: 5,
  openedAt,
  cooldownMs,
});
const tripped = { phase: 'open', openedAt: T0, cooldownMs: DEFAULT_BREAKER.baseCooldownMs } as const;
const closedWith = (consecutiveFailures: number): BreakerState => ({
  ...closedBreaker(),
  consecutiveFailures,
});

describe('circuitAt', () => {
  it.each([
    ['closed', closedBreaker(), T0, 'closed'],
    ['open, cooling down', open(T0), T0 + 29_999, 'open'],
    ['open, cool-down over', open(T0), T0 + 30_000, 'half-open'],
    ['open with a doubled cool-down', open(T0, 60_000), T0 + 45_000, 'open'],
  ] as const)('%s → %s', (_label, state, now, circuit) => {
    expect(circuitAt(state, now)).toBe(circuit);
  });
});

describe('afterAttempt', () => {
  it.each([
    ['a success resets the streak', closedWith(3), 'success', quiet, closedWith(0)],
    ['a failure lengthens the streak', closedWith(3), 'failure', quiet, closedWith(4)],
    ['the 5th failure in a row trips it', closedWith(4), 'failure', quiet, tripped],
    [
      'over 50% errors of at least 10 recent attempts trips it',
      closedWith(0),
      'failure',
      { requests: 10, failures: 6 },
      tripped,
    ],
    ['exactly 50% does not', closedWith(0), 'failure', { requests: 10, failures: 5 }, closedWith(1)],
    [
      'a high rate over fewer than 10 attempts does not',
      closedWith(0),
      'failure',
      { requests: 9, failures: 8 },
      closedWith(1),
    ],
  ] as const)('closed: %s', (_label, state, outcome, recent, expected) => {
    expect(afterAttempt(state, outcome, recent, T0)).toMatchObject(expected);
  });

  it.each(['success', 'failure'] as const)('open: a late %s changes nothing', (outcome) => {
    const state = open(T0);
    expect(afterAttempt(state, outcome, quiet, T0 + 1000)).toBe(state);
  });

  it('half-open: the probe succeeding closes it and resets the cool-down', () => {
    const next = afterAttempt(open(T0, 120_000), 'success', quiet, T0 + 120_000);
    expect(next).toEqual(closedBreaker());
  });

  it.each([
    [30_000, 60_000],
    [60_000, 120_000],
    [240_000, DEFAULT_BREAKER.maxCooldownMs],
    [DEFAULT_BREAKER.maxCooldownMs, DEFAULT_BREAKER.maxCooldownMs],
  ])('half-open: the probe failing re-opens it, cool-down %p → %p', (cooldownMs, doubled) => {
    const now = T0 + cooldownMs;
    const next = afterAttempt(open(T0, cooldownMs), 'failure', quiet, now);
    expect(next).toMatchObject({ phase: 'open', openedAt: now, cooldownMs: doubled });
    expect(circuitAt(next, now + doubled - 1)).toBe('open');
  });

  it('a trip after the circuit closed again starts from the base cool-down', () => {
    let state = afterAttempt(open(T0, 240_000), 'success', quiet, T0 + 240_000);
    for (let i = 0; i < 5; i++) state = afterAttempt(state, 'failure', quiet, T0 + 250_000);
    expect(state).toMatchObject({ phase: 'open', cooldownMs: DEFAULT_BREAKER.baseCooldownMs });
  });
});
