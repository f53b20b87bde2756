import { summarize, type PointResult } from './latency-summary';

/**
 * The throughput frontier of one target: the highest rate it held with every request answered
 * and its p99 within `p99LimitMs`. Rates are tried in ascending steps; a rate that failed does
 * not count even when a higher one passed (noise), so the frontier is the top of the first
 * unbroken run of passes. Null when even the lowest rate failed.
 */
export function frontier(points: ReadonlyMap<number, PointResult>, p99LimitMs: number): number | null {
  let held: number | null = null;
  for (const rate of [...points.keys()].sort((a, b) => a - b)) {
    const point = points.get(rate)!;
    const passed =
      point.errors === 0 && point.latencies.length > 0 && summarize(point.latencies).p99 <= p99LimitMs;
    if (!passed) break;
    held = rate;
  }
  return held;
}
