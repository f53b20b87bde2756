import { regularizedBeta, studentTCdf, studentTTwoSidedP } from './student-t-distribution';

function expectRelative(actual: number, expected: number, digits = 11) {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(Math.abs(expected) * 10 ** -digits);
}

describe('studentTCdf', () => {
  it.each([
    // scipy.stats.t.cdf(t, df) and 2 · scipy.stats.t.sf(|t|, df)
    [2.0, 5, 0.9490302605850708, 0.10193947882985835],
    [-1.5, 3.7, 0.10679908460100675, 0.2135981692020135],
    [2.228138851986274, 10, 0.975, 0.05],
    [0.3, 1, 0.5927735790777423, 0.8144528418445154],
    [4.0, 1000.5, 0.9999659962362126, 6.800752757484828e-5],
    [1.0, 20_000, 0.8413386968760465, 0.31732260624790704],
    [12.0, 7.3, 0.9999977221073852, 4.55578522957055e-6],
    [-3.0, 2.0, 0.04773298313335456, 0.09546596626670913],
  ])('t = %p with %p degrees of freedom', (t, df, cdf, twoSided) => {
    expectRelative(studentTCdf(t, df), cdf);
    expectRelative(studentTTwoSidedP(t, df), twoSided, 10);
  });

  it('matches the closed forms for 1 (Cauchy) and 2 degrees of freedom', () => {
    for (const t of [-40, -2.5, -0.1, 0, 0.7, 3, 250]) {
      expectRelative(studentTCdf(t, 1), 0.5 + Math.atan(t) / Math.PI);
      expectRelative(studentTCdf(t, 2), 0.5 + t / (2 * Math.sqrt(2 + t * t)));
    }
  });

  it('is 0 or 1 at infinite t and refuses df ≤ 0', () => {
    expect(studentTTwoSidedP(Infinity, 12)).toBe(0);
    expect(studentTCdf(-Infinity, 12)).toBe(0);
    expect(() => studentTCdf(1, 0)).toThrow(RangeError);
  });
});

describe('regularizedBeta', () => {
  it.each([
    // scipy.special.betainc(a, b, x)
    [0.3, 2.5, 3.5, 0.29675298929566646],
    [0.9, 0.5, 0.5, 0.7951672353008665],
    [0.9995, 5000, 0.5, 0.02533267265780569],
  ])('I_%p(%p, %p) = %p', (x, a, b, expected) => {
    expectRelative(regularizedBeta(x, a, b), expected, 10);
  });

  it('is x^a for b = 1 and clamps outside [0, 1]', () => {
    expectRelative(regularizedBeta(0.35, 3.2, 1), 0.35 ** 3.2);
    expect(regularizedBeta(0, 2, 3)).toBe(0);
    expect(regularizedBeta(1, 2, 3)).toBe(1);
  });
});
