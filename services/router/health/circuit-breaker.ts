/**
 * The per-endpoint circuit breaker as a pure state machine. Closed: send. Open: do not send, for a
 * cool-down. Half-open (the cool-down is over): one probe may go; its success closes the circuit,
 * its failure re-opens it with the cool-down doubled (up to a ceiling).
 */
import type { Circuit } from '../../../libs/routing';

export type { Circuit };

export interface BreakerConfig {
  /** Consecutive failures that open the circuit. */
  failureStreak: number;
  /** Or: an error rate above this over the recent span… */
  errorRateThreshold: number;
  /** …with at least this many attempts in it. */
  minRequests: number;
  recentSpanMs: number;
  baseCooldownMs: number;
  maxCooldownMs: number;
}

export const DEFAULT_BREAKER: BreakerConfig = {
  failureStreak: 5,
  errorRateThreshold: 0.5,
  minRequests: 10,
  recentSpanMs: 30_000,
  baseCooldownMs: 30_000,
  maxCooldownMs: 5 * 60_000,
};

export interface BreakerState {
  /** Half-open is not stored: it is an open circuit whose cool-down is over. */
  phase: 'closed' | 'open';
  consecutiveFailures: number;
  /** Epoch ms of the last trip; null while it never tripped. */
  openedAt: number | null;
  cooldownMs: number;
}

export const closedBreaker = (config: BreakerConfig = DEFAULT_BREAKER): BreakerState => ({
  phase: 'closed',
  consecutiveFailures: 0,
  openedAt: null,
  cooldownMs: config.baseCooldownMs,
});

export function circuitAt(state: BreakerState, now: number): Circuit {
  if (state.phase === 'closed') return 'closed';
  return now >= (state.openedAt ?? 0) + state.cooldownMs ? 'half-open' : 'open';
}

/** Attempts over the recent span, the one being recorded included. */
export interface RecentAttempts {
  requests: number;
  failures: number;
}

export function afterAttempt(
  state: BreakerState,
  outcome: 'success' | 'failure',
  recent: RecentAttempts,
  now: number,
  config: BreakerConfig = DEFAULT_BREAKER,
): BreakerState {
  const circuit = circuitAt(state, now);
  // An attempt that ends while the circuit is open was sent before it opened: it proves nothing.
  if (circuit === 'open') return state;
  if (circuit === 'half-open') {
    if (outcome === 'success') return closedBreaker(config);
    return trip(state, now, Math.min(state.cooldownMs * 2, config.maxCooldownMs));
  }
  if (outcome === 'success') return { ...state, consecutiveFailures: 0 };
  const consecutiveFailures = state.consecutiveFailures + 1;
  const overRate =
    recent.requests >= config.minRequests && recent.failures / recent.requests > config.errorRateThreshold;
  if (consecutiveFailures >= config.failureStreak || overRate) {
    return trip(state, now, config.baseCooldownMs);
  }
  return { ...state, consecutiveFailures };
}

function trip(state: BreakerState, now: number, cooldownMs: number): BreakerState {
  return { phase: 'open', consecutiveFailures: state.consecutiveFailures + 1, openedAt: now, cooldownMs };
}
