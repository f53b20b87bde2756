import { parseReportWindow } from './report-window';

describe('parseReportWindow', () => {
  it.each([
    ['15m', 900],
    ['1h', 3600],
    ['24h', 86_400],
    ['7d', 604_800],
    ['366d', 31_622_400],
  ])('reads %s as %i seconds', (window, seconds) => {
    expect(parseReportWindow(window)).toEqual({ ok: true, seconds });
  });

  it.each([
    ['an empty window', ''],
    ['a number without unit', '60'],
    ['an unknown unit', '2w'],
    ['zero', '0h'],
    ['a fraction', '1.5h'],
    ['a negative window', '-1h'],
    ['spaces', ' 1h'],
    ['an upper-case unit', '1H'],
  ])('refuses %s, saying what a window looks like', (_case, window) => {
    expect(parseReportWindow(window)).toEqual({
      ok: false,
      reason: 'must be a whole number and a unit (m, h or d), like 15m, 1h, 24h or 7d',
    });
  });

  it('refuses a window longer than a year', () => {
    expect(parseReportWindow('367d')).toEqual({ ok: false, reason: 'must be at most 366d' });
  });
});
