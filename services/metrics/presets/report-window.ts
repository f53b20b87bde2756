const UNIT_SECONDS = { m: 60, h: 3600, d: 86_400 } as const;
const WINDOW_PATTERN = /^([1-9][0-9]{0,4})([mhd])$/;
/** Older generations are still stored, but a year is the longest comparison a report is meant for. */
const MAX_WINDOW_SECONDS = 366 * UNIT_SECONDS.d;

export const DEFAULT_REPORT_WINDOW = '24h';

export type ParsedReportWindow = { ok: true; seconds: number } | { ok: false; reason: string };

/** Reads a report window such as 15m, 1h, 24h or 7d (minutes, hours, days). */
export function parseReportWindow(window: string): ParsedReportWindow {
  const match = WINDOW_PATTERN.exec(window);
  if (!match) {
    return { ok: false, reason: 'must be a whole number and a unit (m, h or d), like 15m, 1h, 24h or 7d' };
  }
  const seconds = Number(match[1]) * UNIT_SECONDS[match[2] as keyof typeof UNIT_SECONDS];
  if (seconds > MAX_WINDOW_SECONDS) return { ok: false, reason: 'must be at most 366d' };
  return { ok: true, seconds };
}
