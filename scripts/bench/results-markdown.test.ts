import type { PointResult } from './latency-summary';
import { resultsMarkdown } from './results-markdown';

const point = (latency: number, errors = 0): PointResult => ({
  latencies: latency < 0 ? [] : Array.from({ length: 10 }, () => latency),
  firstBytes: latency < 0 ? [] : Array.from({ length: 10 }, () => latency / 2),
  errors,
  achievedRate: latency < 0 ? 0 : 100,
});

const report = (stream: boolean) => ({
  date: '2026-12-02',
  machine: '2 cores',
  command: 'npm run bench',
  stream,
  seconds: 10,
  points: new Map([
    [
      'direct',
      new Map([
        [100, point(1)],
        [200, point(1)],
      ]),
    ],
    [
      'switchyard',
      new Map([
        [100, point(3)],
        [200, point(60)],
      ]),
    ],
    [
      'portkey',
      new Map([
        [100, point(-1, 1000)],
        [200, point(-1, 2000)],
      ]),
    ],
  ]),
  usage: new Map([
    [
      'switchyard',
      new Map([
        ['ingress', { cpuPerRequestMs: 0.4, rssMb: 90 }],
        ['nats-server', { cpuPerRequestMs: 0.3, rssMb: 20 }],
      ]),
    ],
  ]),
  usageRate: 200,
});

describe('resultsMarkdown', () => {
  const text = resultsMarkdown(report(false));

  it('has a row per rate and target, with what each adds to direct', () => {
    expect(text).toContain('| 100 | switchyard | 100 | 3.00 | 3.00 | 3.00 | 3.00 | 0 | 2.00 | 2.00 |');
    expect(text).toContain('| 100 | direct | 100 | 1.00 | 1.00 | 1.00 | 1.00 | 0 |  |  |');
  });

  it('reports a target that fails as failing, not hidden', () => {
    expect(text).toContain('| 200 | portkey | 0 | — | — | — | — | 2000 (failing) | — | — |');
  });

  it('gives each target its frontier, and the total CPU per request', () => {
    expect(text).toContain('| switchyard | 100 | 100 |');
    expect(text).toContain('| portkey | < 100 | < 100 |');
    expect(text).toContain('| direct | 200 | 200 |');
    expect(text).toContain('| switchyard | **all** | **0.700** | |');
  });

  it('adds time to first token for streams', () => {
    expect(resultsMarkdown(report(true))).toContain(
      '| 100 | switchyard | 100 | 3.00 | 3.00 | 3.00 | 3.00 | 0 | 2.00 | 2.00 | 1.50 | 1.50 | 1.00 | 1.00 |',
    );
  });
});
