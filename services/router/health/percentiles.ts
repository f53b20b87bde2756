/** OpenRouter's percentile set for latency and throughput (`{ p50, p75, p90, p99 }`). */
export interface Percentiles {
  p50: number;
  p75: number;
  p90: number;
  p99: number;
}

/** Nearest-rank percentile of ascending samples; null without samples. */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

export function percentiles(sorted: readonly number[]): Percentiles | null {
  if (sorted.length === 0) return null;
  const at = (p: number) => percentile(sorted, p) ?? 0;
  return { p50: at(50), p75: at(75), p90: at(90), p99: at(99) };
}
