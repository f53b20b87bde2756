/**
 * Attempt counts over a day in 5-minute buckets, for `uptime_last_1d`: counts only, so a day costs
 * 288 small buckets per endpoint where the 10-second health window (with its latency samples) would
 * cost thousands. The clock is passed in.
 */
export const UPTIME_BUCKET_MS = 5 * 60_000;
export const UPTIME_SPAN_MS = 24 * 60 * 60_000;

interface CountBucket {
  /** Epoch ms at which the bucket begins; -1 for one never used. */
  start: number;
  successes: number;
  failures: number;
}

export type UptimeRing = CountBucket[];

export function createUptimeRing(): UptimeRing {
  return Array.from({ length: UPTIME_SPAN_MS / UPTIME_BUCKET_MS }, () => ({
    start: -1,
    successes: 0,
    failures: 0,
  }));
}

export function recordUptime(ring: UptimeRing, success: boolean, now: number): void {
  const start = now - (now % UPTIME_BUCKET_MS);
  const slot = Math.floor(now / UPTIME_BUCKET_MS) % ring.length;
  if (ring[slot].start !== start) ring[slot] = { start, successes: 0, failures: 0 };
  if (success) ring[slot].successes++;
  else ring[slot].failures++;
}

/** The share of the day's counted attempts that succeeded, in percent; null without attempts. */
export function dailyUptime(ring: UptimeRing, now: number): number | null {
  let successes = 0;
  let failures = 0;
  for (const bucket of ring) {
    if (bucket.start < 0 || bucket.start > now || bucket.start <= now - UPTIME_SPAN_MS) continue;
    successes += bucket.successes;
    failures += bucket.failures;
  }
  const requests = successes + failures;
  return requests === 0 ? null : (successes / requests) * 100;
}
