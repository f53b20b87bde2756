import type { PlannedAttempt } from '../../../libs/contracts';
import { pauseBefore, type ProviderFailure } from './retry-pause';

/** An attempt that failed, at its position in the plan's sequence (see `nextAttempt`). */
export interface FailedAttempt extends ProviderFailure {
  position: number;
}

export interface NextAttempt {
  position: number;
  pauseMs: number;
}

/** A lost replica is replaced this many times in a row for one endpoint; then the request moves on. */
const MAX_REPLICA_RETRIES = 2;

/**
 * Where a request goes after a retryable failure. Positions run through the plan once, then once
 * more per retry round (position p is `plan[p % plan.length]`). By the failure's scope:
 * - `replica`: the same position again at once (another replica takes it), a bounded number of times;
 * - `provider`: on, skipping every endpoint of that provider from now on;
 * - `endpoint`: on to the next position; an endpoint that failed before is waited for (its
 *   Retry-After, or backoff), and passed over when that wait would be longer than `maxPauseMs`.
 * Null when nothing is left to try.
 */
export function nextAttempt(
  plan: readonly PlannedAttempt[],
  failed: readonly FailedAttempt[],
  retryRounds: number,
  maxPauseMs: number,
  random: () => number = Math.random,
): NextAttempt | null {
  const last = failed.at(-1);
  if (!last || plan.length === 0) return null;
  if (last.error.retryScope === 'replica' && replicaRetries(failed, last.position) <= MAX_REPLICA_RETRIES) {
    return { position: last.position, pauseMs: 0 };
  }
  const banned = new Set(failed.filter((f) => f.error.retryScope === 'provider').map((f) => f.providerId));
  const endpointFailures = failed.filter((f) => f.error.retryScope === 'endpoint');
  const end = plan.length * (1 + retryRounds);
  for (let position = last.position + 1; position < end; position++) {
    const { providerId } = plan[position % plan.length].endpoint;
    if (banned.has(providerId)) continue;
    const pauseMs = pauseBefore(providerId, endpointFailures, random);
    if (pauseMs <= maxPauseMs) return { position, pauseMs };
  }
  return null;
}

/** How many lost replicas in a row, at the end, were at `position`. */
function replicaRetries(failed: readonly FailedAttempt[], position: number): number {
  let count = 0;
  for (let i = failed.length - 1; i >= 0; i--) {
    if (failed[i].position !== position || failed[i].error.retryScope !== 'replica') break;
    count++;
  }
  return count;
}
