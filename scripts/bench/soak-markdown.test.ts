import type { PointResult } from './latency-summary';
import { rssGrowth, soakMarkdown, type SoakSample } from './soak-markdown';

const point = (latencies: number[], errors = 0): PointResult => ({
  latencies,
  firstBytes: latencies,
  errors,
  achievedRate: 500,
});

const samples: SoakSample[] = [
  {
    requestsSoFar: 20_000,
    point: point([1, 2, 3]),
    rssMb: new Map([
      ['ingress', 120],
      ['worker', 140],
    ]),
  },
  {
    requestsSoFar: 40_000,
    point: point([1, 2, 4], 1),
    rssMb: new Map([
      ['ingress', 125],
      ['worker', 138],
    ]),
  },
];

it('measures growth from the first sample to the last, per process', () => {
  expect(rssGrowth(samples)).toEqual(
    new Map([
      ['ingress', 5],
      ['worker', -2],
    ]),
  );
  expect(rssGrowth([])).toEqual(new Map());
});

it('tabulates every stretch and ends with the growth', () => {
  const markdown = soakMarkdown({ date: '2026-12-02', machine: '2 cores', rate: 500, samples });
  expect(markdown).toContain('`BENCH_SOAK=40000 npm run bench`');
  expect(markdown).toContain('| requests | p50 ms | p99 ms | errors | ingress | worker |');
  expect(markdown).toContain('| 40000 | 2.00 | 4.00 | 1 | 125 | 138 |');
  expect(markdown).toContain('ingress +5 MB, worker -2 MB');
});
