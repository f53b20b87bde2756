/**
 * A sliding window of attempts as a ring of fixed time buckets: memory stays bounded whatever the
 * traffic (a bucket keeps counts and at most SAMPLES_PER_BUCKET latency/throughput samples), and
 * old buckets are reused as time moves on. The clock is passed in, so the math is testable.
 */
export const BUCKET_MS = 10_000;
/** The longest span anyone asks about: the endpoints API's `_last_30m`. */
export const WINDOW_SPAN_MS = 30 * 60_000;
export const SAMPLES_PER_BUCKET = 32;

export interface Bucket {
  /** Epoch ms at which the bucket's 10 s begin; -1 for a bucket never used. */
  start: number;
  successes: number;
  failures: number;
  ttftMs: number[];
  throughputTps: number[];
}

export type HealthWindow = Bucket[];

export interface WindowSample {
  outcome: 'success' | 'failure';
  ttftMs: number | null;
  throughputTps: number | null;
}

/** Counted attempts and ascending samples over a span ending now. */
export interface WindowSummary {
  requests: number;
  failures: number;
  ttftMs: number[];
  throughputTps: number[];
}

const emptyBucket = (start: number): Bucket => ({
  start,
  successes: 0,
  failures: 0,
  ttftMs: [],
  throughputTps: [],
});

export function createWindow(spanMs = WINDOW_SPAN_MS): HealthWindow {
  return Array.from({ length: Math.ceil(spanMs / BUCKET_MS) }, () => emptyBucket(-1));
}

export function recordSample(window: HealthWindow, sample: WindowSample, now: number): void {
  const start = now - (now % BUCKET_MS);
  const slot = Math.floor(now / BUCKET_MS) % window.length;
  if (window[slot].start !== start) window[slot] = emptyBucket(start);
  const bucket = window[slot];
  if (sample.outcome === 'failure') bucket.failures++;
  else bucket.successes++;
  addBounded(bucket.ttftMs, sample.ttftMs);
  addBounded(bucket.throughputTps, sample.throughputTps);
}

/** Beyond the cap a bucket keeps its first samples: enough for percentiles, bounded memory. */
function addBounded(samples: number[], value: number | null): void {
  if (value !== null && samples.length < SAMPLES_PER_BUCKET) samples.push(value);
}

const inSpan = (bucket: Bucket, now: number, spanMs: number) =>
  bucket.start >= 0 && bucket.start <= now && bucket.start > now - spanMs;

/** The buckets whose start lies within `spanMs` before now (bucket granularity: 10 s). */
export function summarizeWindow(window: HealthWindow, now: number, spanMs: number): WindowSummary {
  const live = window.filter((bucket) => inSpan(bucket, now, spanMs));
  const ascending = (values: number[]) => values.sort((a, b) => a - b);
  return {
    ...countWindow(window, now, spanMs),
    ttftMs: ascending(live.flatMap((b) => b.ttftMs)),
    throughputTps: ascending(live.flatMap((b) => b.throughputTps)),
  };
}

/** Only the counts of summarizeWindow: no samples gathered or sorted, cheap enough for every attempt. */
export function countWindow(
  window: HealthWindow,
  now: number,
  spanMs: number,
): Pick<WindowSummary, 'requests' | 'failures'> {
  let requests = 0;
  let failures = 0;
  for (const bucket of window) {
    if (!inSpan(bucket, now, spanMs)) continue;
    requests += bucket.successes + bucket.failures;
    failures += bucket.failures;
  }
  return { requests, failures };
}
