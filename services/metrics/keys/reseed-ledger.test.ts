import { toNanoUsdCeil, type LedgerEntry } from '../../../libs/accounts';
import { NO_USAGE, type KeyUsage } from '../../../libs/accounts';
import { reseedLedger, type LimitTerms } from './reseed-ledger';

const NOW = Date.parse('2026-12-02T10:00:30Z');
const TODAY = Date.parse('2026-12-02T00:00:00Z');
const usage: KeyUsage = { ...NO_USAGE, usage: 10, usage_daily: 1, usage_monthly: 4, byok_usage_daily: 0.5 };
const daily: LimitTerms = { limitReset: 'daily', includeByokInLimit: false };
const nano = toNanoUsdCeil;

const books = (settled: number, overrides: Partial<LedgerEntry> = {}): LedgerEntry => ({
  period: { reset: 'daily', start: TODAY },
  settled,
  window: { start: NOW - 30_000, requests: 3, tokens: 0 },
  grants: { a: { spend: 5, requests: 1, tokens: 0, window: NOW - 30_000, expiresAt: NOW + 5000, seq: 2 } },
  ...overrides,
});

describe('reseedLedger', () => {
  it('starts missing books from what is stored for the period', () => {
    expect(reseedLedger(null, usage, daily, daily, NOW)).toMatchObject({
      period: { reset: 'daily', start: TODAY },
      settled: nano(1),
      grants: {},
    });
  });

  it('raises settled spend to what is stored, and never lowers it, under the same terms', () => {
    expect(reseedLedger(books(nano(0.2)), usage, daily, daily, NOW).settled).toBe(nano(1));
    expect(reseedLedger(books(nano(3)), usage, daily, daily, NOW).settled).toBe(nano(3));
  });

  it('keeps the grants replicas hold, whatever it changes', () => {
    expect(reseedLedger(books(0), usage, daily, daily, NOW).grants.a?.spend).toBe(5);
  });

  it('under a new period, takes what is stored for it, with the unstored lead carried over', () => {
    const monthly: LimitTerms = { limitReset: 'monthly', includeByokInLimit: false };
    const result = reseedLedger(books(nano(1.25)), usage, monthly, daily, NOW);
    expect(result.period).toEqual({ reset: 'monthly', start: Date.parse('2026-12-01T00:00:00Z') });
    expect(result.settled).toBe(nano(4) + nano(1.25) - nano(1));
  });

  it('counts BYOK spend in once the key says so', () => {
    const withByok: LimitTerms = { limitReset: 'daily', includeByokInLimit: true };
    expect(reseedLedger(books(nano(1)), usage, withByok, daily, NOW).settled).toBe(nano(1.5));
  });

  it('starts from what is stored when the books are of a past period', () => {
    const yesterday = books(nano(9), { period: { reset: 'daily', start: TODAY - 86_400_000 } });
    expect(reseedLedger(yesterday, usage, daily, daily, NOW).settled).toBe(nano(1));
  });
});
