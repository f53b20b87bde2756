import {
  limitPeriod,
  toNanoUsdCeil,
  windowStart,
  type LedgerEntry,
  type LimitReset,
  type KeyUsage,
} from '../../../libs/accounts';
import { spentInPeriod } from './key-usage';

/** What decides which spend counts against a key's limit. */
export interface LimitTerms {
  limitReset: LimitReset | null;
  includeByokInLimit: boolean;
}

/**
 * The key's books brought in line with its stored usage (Postgres), when they may not be: at start
 * (the books could be missing or lost) and when the limit's terms change (another period, BYOK in or
 * out). Under the same terms the settled spend is only ever raised to what is stored, never
 * lowered: the books run ahead of Postgres by what replicas reported and metrics has not stored
 * yet. Under new terms it is what is stored for them, plus that same lead carried over.
 */
export function reseedLedger(
  entry: LedgerEntry | null,
  usage: KeyUsage,
  terms: LimitTerms,
  previous: LimitTerms,
  now: number,
): LedgerEntry {
  const period = limitPeriod(terms.limitReset, now);
  const stored = toNanoUsdCeil(spentInPeriod(usage, terms));
  if (!entry)
    return {
      period,
      settled: stored,
      window: { start: windowStart(now), requests: 0, tokens: 0 },
      grants: {},
    };
  const sameTerms =
    terms.limitReset === previous.limitReset && terms.includeByokInLimit === previous.includeByokInLimit;
  const current =
    entry.period.reset === previous.limitReset &&
    entry.period.start === limitPeriod(previous.limitReset, now).start;
  if (sameTerms) {
    return current
      ? { ...entry, settled: Math.max(entry.settled, stored) }
      : { ...entry, period, settled: stored };
  }
  const lead = current ? Math.max(0, entry.settled - toNanoUsdCeil(spentInPeriod(usage, previous))) : 0;
  return { ...entry, period, settled: stored + lead };
}
