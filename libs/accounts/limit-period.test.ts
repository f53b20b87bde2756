import { limitName, limitPeriod } from './limit-period';

const at = (iso: string) => Date.parse(iso);

describe('limitPeriod', () => {
  it.each([
    ['daily', '2026-12-02T23:59:59.999Z', '2026-12-02T00:00:00.000Z'],
    ['daily', '2026-12-03T00:00:00.000Z', '2026-12-03T00:00:00.000Z'],
    // 2026-12-02 is a Wednesday; its week began on Monday the 30th of November.
    ['weekly', '2026-12-02T12:00:00.000Z', '2026-11-30T00:00:00.000Z'],
    ['weekly', '2026-11-30T00:00:00.000Z', '2026-11-30T00:00:00.000Z'],
    // A Sunday still belongs to the week that began the Monday before.
    ['weekly', '2026-12-06T23:00:00.000Z', '2026-11-30T00:00:00.000Z'],
    ['monthly', '2026-12-31T23:59:59.000Z', '2026-12-01T00:00:00.000Z'],
    ['monthly', '2027-01-01T00:00:00.000Z', '2027-01-01T00:00:00.000Z'],
  ] as const)('%s at %s starts at %s', (reset, now, start) => {
    expect(limitPeriod(reset, at(now))).toEqual({ reset, start: at(start) });
  });

  it('covers all time without a reset', () => {
    expect(limitPeriod(null, at('2026-12-02T10:00:00Z'))).toEqual({ reset: null, start: 0 });
  });

  it('names the limit as OpenRouter does', () => {
    expect(limitName('monthly')).toBe('monthly limit');
    expect(limitName(null)).toBe('total limit');
  });
});
