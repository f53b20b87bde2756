import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { NO_USAGE, type KeyUsage } from '../../../libs/accounts';
import { periodStartDays } from './key-usage';

/** A row of OpenRouter's GET /activity: one UTC day, model and provider. */
export interface ActivityRow {
  date: string;
  model: string;
  model_permaslug: string;
  endpoint_id: string;
  provider_name: string;
  usage: number;
  byok_usage_inference: number;
  requests: number;
  prompt_tokens: number;
  completion_tokens: number;
  reasoning_tokens: number;
  /** Ours: the app the requests came from (their `X-Title`, else `HTTP-Referer`), null for none. */
  app: string | null;
}

/** OpenRouter's activity covers the last 30 UTC days; today is included, so it shows at once. */
const ACTIVITY_DAYS = 30;

/** Reads keys' usage from their daily charges (kept by GenerationRepository as generations are stored). */
@Injectable()
export class UsageRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Each key's usage, all time and in the current day, week and month; keys without any have none. */
  async usageOf(hashes: readonly string[], now = Date.now()): Promise<Map<string, KeyUsage>> {
    if (hashes.length === 0) return new Map();
    const { day, week, month } = periodStartDays(now);
    const rows: (KeyUsage & { api_key_id: string })[] = await this.db.query(
      `SELECT api_key_id,
              sum(usage)::float8 AS usage,
              coalesce(sum(usage) FILTER (WHERE day >= $2), 0)::float8 AS usage_daily,
              coalesce(sum(usage) FILTER (WHERE day >= $3), 0)::float8 AS usage_weekly,
              coalesce(sum(usage) FILTER (WHERE day >= $4), 0)::float8 AS usage_monthly,
              sum(byok_usage)::float8 AS byok_usage,
              coalesce(sum(byok_usage) FILTER (WHERE day >= $2), 0)::float8 AS byok_usage_daily,
              coalesce(sum(byok_usage) FILTER (WHERE day >= $3), 0)::float8 AS byok_usage_weekly,
              coalesce(sum(byok_usage) FILTER (WHERE day >= $4), 0)::float8 AS byok_usage_monthly
         FROM key_usage_daily
        WHERE api_key_id = ANY($1)
        GROUP BY api_key_id`,
      [hashes, day, week, month],
    );
    const usage = new Map(hashes.map((hash) => [hash, NO_USAGE]));
    for (const { api_key_id, ...figures } of rows) usage.set(api_key_id, figures);
    return usage;
  }

  /** Usage summed over every key, all time (GET /credits with the admin key). */
  async totalUsage(): Promise<number> {
    const [row] = await this.db.query('SELECT coalesce(sum(usage), 0)::float8 AS total FROM key_usage_daily');
    return row.total;
  }

  /**
   * Per day, model, provider and app over the last 30 days (or one `date`), newest first, for one key
   * (`apiKeyHash`) or every key (null), summed by Postgres.
   */
  activity(apiKeyHash: string | null, date: string | null, now = Date.now()): Promise<ActivityRow[]> {
    const since = new Date(now - (ACTIVITY_DAYS - 1) * 86_400_000).toISOString().slice(0, 10);
    return this.db.query(
      `SELECT to_char(day, 'YYYY-MM-DD') AS date,
              model,
              model AS model_permaslug,
              provider_name || ':' || model AS endpoint_id,
              provider_name,
              sum(usage)::float8 AS usage,
              sum(byok_usage)::float8 AS byok_usage_inference,
              sum(requests)::int AS requests,
              sum(prompt_tokens)::int AS prompt_tokens,
              sum(completion_tokens)::int AS completion_tokens,
              sum(reasoning_tokens)::int AS reasoning_tokens,
              nullif(app, '') AS app
         FROM key_usage_daily
        WHERE day >= $1::date
          AND ($2::text IS NULL OR api_key_id = $2)
          AND ($3::date IS NULL OR day = $3::date)
        GROUP BY day, model, provider_name, app
        ORDER BY day DESC, model, provider_name, app`,
      [since, apiKeyHash, date],
    );
  }
}
