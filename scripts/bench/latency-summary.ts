/** One target at one rate: what the load generator saw. */
export interface PointResult {
  /** ms from sending to the answer's last byte. */
  latencies: number[];
  /** ms from sending to the first byte of the body (a stream's first token). */
  firstBytes: number[];
  errors: number;
  /** Requests answered per second over the measured window. */
  achievedRate: number;
}

export interface LatencySummary {
  p50: number;
  p90: number;
  p99: number;
  p999: number;
}

/** The nearest-rank percentile of an ascending array; NaN when it is empty. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

export function summarize(values: readonly number[]): LatencySummary {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    p50: percentile(sorted, 50),
    p90: percentile(sorted, 90),
    p99: percentile(sorted, 99),
    p999: percentile(sorted, 99.9),
  };
}

/** What a target adds to calling the provider directly, percentile by percentile. */
export function added(target: LatencySummary, direct: LatencySummary): LatencySummary {
  return {
    p50: target.p50 - direct.p50,
    p90: target.p90 - direct.p90,
    p99: target.p99 - direct.p99,
    p999: target.p999 - direct.p999,
  };
}
