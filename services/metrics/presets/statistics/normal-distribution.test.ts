import { normalCdf, normalTwoSidedP, regularizedGammaQ } from './normal-distribution';

/** |actual − expected| within `digits` significant digits of expected. */
function expectRelative(actual: number, expected: number, digits = 12) {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(Math.abs(expected) * 10 ** -digits);
}

describe('normalCdf', () => {
  it.each([
    // scipy.stats.norm.cdf
    [1.96, 0.9750021048517795],
    [-1.96, 0.024997895148220435],
    [0, 0.5],
    [1, 0.8413447460685429],
    [3, 0.9986501019683699],
    [-5, 2.866515718791933e-7],
    [-8.5, 9.47953482220325e-18],
    [2.5758293035489, 0.995],
  ])('Φ(%p) = %p', (z, expected) => {
    expectRelative(normalCdf(z), expected);
  });
});

describe('normalTwoSidedP', () => {
  it.each([
    // 2 · scipy.stats.norm.sf(|z|): exact far into the tail, where 1 − Φ(z) would round to 0.
    [1.96, 0.04999579029644087],
    [-0.5, 0.6170750774519738],
    [6, 1.973175290075389e-9],
    [10, 1.523970604832094e-23],
    [37, 1.1451142445047853e-299],
    [0, 1],
  ])('P(|Z| ≥ |%p|) = %p', (z, expected) => {
    expectRelative(normalTwoSidedP(z), expected, 11);
  });
});

describe('regularizedGammaQ', () => {
  it('is e^(−x) for a = 1 and the Poisson tail for whole a', () => {
    expectRelative(regularizedGammaQ(1, 0.7), Math.exp(-0.7));
    // Q(3, 2) = P(Poisson(2) < 3) = e^(−2) (1 + 2 + 2)
    expectRelative(regularizedGammaQ(3, 2), Math.exp(-2) * 5);
    expectRelative(regularizedGammaQ(3, 20), Math.exp(-20) * (1 + 20 + 200));
  });
});
