import { frontier } from './frontier';
import { added, summarize, type LatencySummary, type PointResult } from './latency-summary';

export interface ProcessUse {
  /** CPU (user + system) per request, ms. */
  cpuPerRequestMs: number;
  rssMb: number;
}

export interface BenchReport {
  date: string;
  machine: string;
  command: string;
  stream: boolean;
  seconds: number;
  /** Target name → rate → what was measured; `direct` is the simulator alone. */
  points: Map<string, Map<number, PointResult>>;
  /** Target name → process → use, at `usageRate`. */
  usage: Map<string, Map<string, ProcessUse>>;
  usageRate: number;
}

const ms = (value: number) => (Number.isFinite(value) ? value.toFixed(2) : '—');

/** The results as `bench/results.md` holds them: per rate and target, the frontier, then CPU and memory. */
export function resultsMarkdown(report: BenchReport): string {
  const direct = report.points.get('direct');
  const lines = [
    `# Benchmark results`,
    '',
    `${report.date}, ${report.machine}. \`${report.command}\`; open loop, ${report.seconds} s per point, ` +
      `${report.stream ? 'streaming (latency to the last byte; TTFT to the first data event)' : 'non-streaming'}, ` +
      'the simulator as the provider (zero latency). "added" is against calling the simulator directly at the same rate.',
    '',
    `| rate | target | achieved/s | p50 | p90 | p99 | p99.9 | errors | added p50 | added p99 |${report.stream ? ' TTFT p50 | TTFT p99 | added TTFT p50 | added TTFT p99 |' : ''}`,
    `| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |${report.stream ? ' ---: | ---: | ---: | ---: |' : ''}`,
  ];
  const rates = [...new Set([...report.points.values()].flatMap((byRate) => [...byRate.keys()]))].sort(
    (a, b) => a - b,
  );
  for (const rate of rates) {
    for (const [target, byRate] of report.points) {
      const point = byRate.get(rate);
      if (!point) continue;
      const own = summarize(point.latencies);
      const base = direct?.get(rate);
      const more = base ? added(own, summarize(base.latencies)) : undefined;
      const cells = [
        String(rate),
        target,
        point.achievedRate.toFixed(0),
        ms(own.p50),
        ms(own.p90),
        ms(own.p99),
        ms(own.p999),
        point.latencies.length === 0 ? `${point.errors} (failing)` : String(point.errors),
        target === 'direct' ? '' : ms(more?.p50 ?? NaN),
        target === 'direct' ? '' : ms(more?.p99 ?? NaN),
      ];
      if (report.stream) cells.push(...firstByteCells(point, base, target === 'direct'));
      lines.push(`| ${cells.join(' | ')} |`);
    }
  }
  lines.push(
    '',
    '## Throughput frontier',
    '',
    'The highest rate held with zero errors and p99 within the limit (steps as above).',
    '',
  );
  lines.push('| target | p99 ≤ 10 ms | p99 ≤ 50 ms |', '| --- | ---: | ---: |');
  for (const [target, byRate] of report.points) {
    const cell = (limit: number) => String(frontier(byRate, limit) ?? `< ${Math.min(...byRate.keys())}`);
    lines.push(`| ${target} | ${cell(10)} | ${cell(50)} |`);
  }
  lines.push(
    '',
    `## CPU and memory at ${report.usageRate} requests/s`,
    '',
    '| target | process | CPU per request, ms | RSS, MB |',
    '| --- | --- | ---: | ---: |',
  );
  for (const [target, processes] of report.usage) {
    let total = 0;
    for (const [name, use] of processes) {
      total += use.cpuPerRequestMs;
      lines.push(`| ${target} | ${name} | ${use.cpuPerRequestMs.toFixed(3)} | ${use.rssMb.toFixed(0)} |`);
    }
    lines.push(`| ${target} | **all** | **${total.toFixed(3)}** | |`);
  }
  return `${lines.join('\n')}\n`;
}

function firstByteCells(point: PointResult, base: PointResult | undefined, isDirect: boolean): string[] {
  const own: LatencySummary = summarize(point.firstBytes);
  const more = base && !isDirect ? added(own, summarize(base.firstBytes)) : undefined;
  return [
    ms(own.p50),
    ms(own.p99),
    isDirect ? '' : ms(more?.p50 ?? NaN),
    isDirect ? '' : ms(more?.p99 ?? NaN),
  ];
}
