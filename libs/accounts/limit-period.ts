/** How often a key's spend limit starts again, as OpenRouter's `limit_reset`; null: never. */
export const limitResets = ['daily', 'weekly', 'monthly'] as const;
export type LimitReset = (typeof limitResets)[number];

/** The stretch of time a limit covers: its kind and its first millisecond (epoch ms, UTC). */
export interface LimitPeriod {
  reset: LimitReset | null;
  start: number;
}

const DAY_MS = 86_400_000;

/**
 * The period `now` falls in. Resets happen at midnight UTC and weeks run Monday to Sunday, as on
 * OpenRouter (https://openrouter.ai/docs/api/api-reference/api-keys/create-keys); a limit without
 * reset covers all time.
 */
export function limitPeriod(reset: LimitReset | null, now: number): LimitPeriod {
  const date = new Date(now);
  const midnight = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate());
  switch (reset) {
    case null:
      return { reset, start: 0 };
    case 'daily':
      return { reset, start: midnight };
    case 'weekly':
      // getUTCDay: Sunday 0 … Saturday 6; days since Monday.
      return { reset, start: midnight - ((date.getUTCDay() + 6) % 7) * DAY_MS };
    case 'monthly':
      return { reset, start: Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1) };
  }
}

/** The words OpenRouter uses for a limit in its messages: "daily limit" … "total limit". */
export function limitName(reset: LimitReset | null): string {
  return `${reset ?? 'total'} limit`;
}
