import { limitPeriod, type KeyUsage, type LimitReset } from '../../../libs/accounts';

/** The first UTC day of the current day, week and month, as `YYYY-MM-DD` (the usage table's days). */
export function periodStartDays(now: number): { day: string; week: string; month: string } {
  const day = (reset: LimitReset) => new Date(limitPeriod(reset, now).start).toISOString().slice(0, 10);
  return { day: day('daily'), week: day('weekly'), month: day('monthly') };
}

/** What counts against a key's limit in its current period: its usage, and its BYOK usage if it says so. */
export function spentInPeriod(
  usage: KeyUsage,
  key: { limitReset: LimitReset | null; includeByokInLimit: boolean },
): number {
  const suffix = { daily: '_daily', weekly: '_weekly', monthly: '_monthly' } as const;
  const field = key.limitReset ? suffix[key.limitReset] : '';
  const own = usage[`usage${field}`];
  return key.includeByokInLimit ? own + usage[`byok_usage${field}`] : own;
}
