import { frontier } from './frontier';
import type { PointResult } from './latency-summary';

const point = (p99: number, errors = 0): PointResult => ({
  latencies: Array.from({ length: 100 }, (_, i) => (i >= 98 ? p99 : 1)),
  firstBytes: [],
  errors,
  achievedRate: 100,
});

describe('frontier', () => {
  it.each([
    [
      'the highest rate of an unbroken run of passes',
      [
        [100, point(2)],
        [200, point(8)],
        [400, point(30)],
      ],
      10,
      200,
    ],
    ['nothing when the lowest rate fails', [[100, point(20)]], 10, null],
    [
      'not a pass after a failure',
      [
        [100, point(2)],
        [200, point(20)],
        [400, point(3)],
      ],
      10,
      100,
    ],
    [
      'not a rate with errors, however fast',
      [
        [100, point(2)],
        [200, point(2, 1)],
      ],
      10,
      100,
    ],
    [
      'rates in order whatever order they were measured in',
      [
        [400, point(3)],
        [100, point(2)],
      ],
      10,
      400,
    ],
  ] as const)('is %s', (_case, points, limit, expected) => {
    expect(frontier(new Map(points as unknown as [number, PointResult][]), limit)).toBe(expected);
  });
});
