import { summarize, type PointResult } from './latency-summary';

/** One stretch of the soak: the requests sent so far, how they went, and each process's RSS after it. */
export interface SoakSample {
  requestsSoFar: number;
  point: PointResult;
  rssMb: Map<string, number>;
}

export interface SoakReport {
  date: string;
  machine: string;
  rate: number;
  samples: SoakSample[];
}

/**
 * Growth of each process's RSS from the first sample (taken after the warm-up stretch, once the
 * heaps have settled) to the last, MB; a leak shows as growth that goes on sample after sample.
 */
export function rssGrowth(samples: SoakSample[]): Map<string, number> {
  const growth = new Map<string, number>();
  const [first, last] = [samples[0], samples.at(-1)];
  if (!first || !last) return growth;
  for (const [name, start] of first.rssMb) growth.set(name, (last.rssMb.get(name) ?? NaN) - start);
  return growth;
}

/** `bench/soak.md`: RSS per process after each stretch, and the latency of each stretch. */
export function soakMarkdown(report: SoakReport): string {
  const names = [...(report.samples[0]?.rssMb.keys() ?? [])];
  const total = report.samples.at(-1)?.requestsSoFar ?? 0;
  const lines = [
    '# Soak',
    '',
    `${report.date}, ${report.machine}. \`BENCH_SOAK=${total} npm run bench\`; Switchyard alone, open loop at ` +
      `${report.rate} req/s, non-streaming, the simulator as the provider. RSS in MB after each stretch.`,
    '',
    `| requests | p50 ms | p99 ms | errors | ${names.join(' | ')} |`,
    `| ---: | ---: | ---: | ---: |${names.map(() => ' ---: |').join('')}`,
  ];
  for (const sample of report.samples) {
    const latency = summarize(sample.point.latencies);
    lines.push(
      `| ${sample.requestsSoFar} | ${latency.p50.toFixed(2)} | ${latency.p99.toFixed(2)} | ${sample.point.errors} | ` +
        `${names.map((n) => (sample.rssMb.get(n) ?? NaN).toFixed(0)).join(' | ')} |`,
    );
  }
  const growth = rssGrowth(report.samples);
  lines.push(
    '',
    `RSS growth from the first stretch to the last: ${names.map((n) => `${n} ${signed(growth.get(n) ?? NaN)} MB`).join(', ')}.`,
    '',
  );
  return lines.join('\n');
}

const signed = (value: number) => (value >= 0 ? `+${value.toFixed(0)}` : value.toFixed(0));
