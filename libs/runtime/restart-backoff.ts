export interface RestartBackoff {
  /** The wait before restarting after a first crash. */
  initialMs: number;
  /** Doubling stops here: a service that keeps crashing is still tried every few seconds. */
  maxMs: number;
  /** A service up this long before it crashed was healthy: its next crash waits `initialMs` again. */
  resetAfterMs: number;
}

/** Quick enough that one crash costs about a second of service; capped so a crash loop does not spin. */
export const RESTART_BACKOFF: RestartBackoff = { initialMs: 100, maxMs: 5000, resetAfterMs: 30_000 };

/** How many crashes in a row this one makes, given the streak so far and how long the service was up. */
export function crashStreak(streak: number, upMs: number, backoff = RESTART_BACKOFF): number {
  return upMs >= backoff.resetAfterMs ? 1 : streak + 1;
}

/** The wait before restarting after the `streak`-th crash in a row: doubling from `initialMs`, capped. */
export function restartDelayMs(streak: number, backoff = RESTART_BACKOFF): number {
  return Math.min(backoff.initialMs * 2 ** (streak - 1), backoff.maxMs);
}
