import { logGamma } from './log-gamma';

describe('logGamma', () => {
  it.each([
    // Γ(½) = √π, Γ(1) = 1, Γ(5) = 4! = 24; the rest are scipy.special.gammaln.
    [0.5, 0.5 * Math.log(Math.PI)],
    [1, 0],
    [5, Math.log(24)],
    [10.5, 13.940625219403763],
    [100, 359.1342053695754],
    [10_000.5, 82104.32265412837],
    [0.1, 2.252712651734206],
    [0.001, 6.907178885383853],
  ])('ln Γ(%p) = %p', (x, expected) => {
    expect(logGamma(x)).toBeCloseTo(expected, 11);
  });

  it('refuses x ≤ 0', () => {
    expect(() => logGamma(0)).toThrow(RangeError);
    expect(() => logGamma(-2.5)).toThrow(RangeError);
  });
});
