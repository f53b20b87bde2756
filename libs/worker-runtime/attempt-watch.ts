import { HEARTBEAT_INTERVAL_MS, type ProviderPatience } from '../contracts';
import type { AttemptTiming } from './attempt-timing';

/** What the watch reads of one attempt in flight: its timing, which the attempt keeps up to date. */
export type WatchedTiming = Pick<AttemptTiming, 'startedAt' | 'firstTokenAt' | 'lastReadAt'>;

export type WatchVerdict = 'first-token-timeout' | 'idle-timeout' | 'beat' | null;

/**
 * What an attempt needs now: to be given up on because its provider is too slow (the timeouts
 * for slow providers live here, where the provider is watched, so that the attempt's error frame
 * can still report what was delivered), a beat so that ingress knows this process is alive, or nothing.
 */
export function watchVerdict(
  timing: WatchedTiming,
  /** When the worker last sent a frame to the requester. */
  lastSentAt: number,
  patience: ProviderPatience,
  now: number,
): WatchVerdict {
  if (timing.firstTokenAt === null) {
    if (now - timing.startedAt >= patience.firstTokenMs) return 'first-token-timeout';
  } else if (now - (timing.lastReadAt ?? timing.firstTokenAt) >= patience.idleMs) {
    return 'idle-timeout';
  }
  return now - lastSentAt >= HEARTBEAT_INTERVAL_MS ? 'beat' : null;
}

/** The abort reason of an attempt whose provider was too slow. */
export class ProviderTooSlow extends Error {
  constructor(
    readonly verdict: 'first-token-timeout' | 'idle-timeout',
    readonly limitMs: number,
  ) {
    super(verdict);
  }
}

/** One timer for every attempt of the process, however many are in flight: nothing per request. */
export const WATCH_TICK_MS = 100;
