import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import type { GenerationEvent } from '../../../libs/contracts';
import { GenerationRecord } from './generation-record.entity';

/** Column and value side by side, so the INSERT can never list them in different orders. */
const COLUMNS: ReadonlyArray<readonly [column: string, value: (event: GenerationEvent) => unknown]> = [
  ['id', (event) => event.id],
  ['created_at', (event) => event.createdAt],
  ['model', (event) => event.model],
  ['provider_id', (event) => event.providerId],
  ['provider_name', (event) => event.providerName],
  ['upstream_model', (event) => event.upstreamModel],
  ['upstream_id', (event) => event.upstreamId],
  ['streamed', (event) => event.streamed],
  ['cancelled', (event) => event.cancelled],
  ['status', (event) => event.status],
  ['error_code', (event) => event.errorCode],
  ['error_message', (event) => event.errorMessage],
  ['finish_reason', (event) => event.finishReason],
  ['native_finish_reason', (event) => event.nativeFinishReason],
  ['tokens_prompt', (event) => event.tokensPrompt],
  ['tokens_completion', (event) => event.tokensCompletion],
  ['tokens_reasoning', (event) => event.tokensReasoning],
  ['tokens_cached', (event) => event.tokensCached],
  ['usage_estimated', (event) => event.usageEstimated],
  ['total_cost', (event) => event.totalCost],
  ['is_byok', (event) => event.isByok],
  ['upstream_inference_cost', (event) => event.upstreamInferenceCost],
  ['latency_ms', (event) => event.latencyMs],
  ['generation_time_ms', (event) => event.generationTimeMs],
  ['gateway_overhead_ms', (event) => event.gatewayOverheadMs],
  // pg would send a JS array as a Postgres array; jsonb wants the JSON text.
  ['provider_responses', (event) => JSON.stringify(event.attempts)],
  ['api_key_id', (event) => event.apiKeyId],
  ['user_id', (event) => event.user],
  ['session_id', (event) => event.sessionId],
  ['preset', (event) => event.preset],
  ['variant', (event) => event.variant],
  ['app_referer', (event) => event.appReferer],
  ['app_title', (event) => event.appTitle],
  ['dropped_parameters', (event) => event.droppedParameters],
];

/** 500 rows × 30 columns stays well below Postgres' 65535 bind parameters per statement. */
const ROWS_PER_INSERT = 500;

@Injectable()
export class GenerationRepository {
  constructor(@InjectRepository(GenerationRecord) private readonly records: Repository<GenerationRecord>) {}

  findById(id: string): Promise<GenerationRecord | null> {
    return this.records.findOneBy({ id });
  }

  /**
   * Stores events and adds them to the per-minute rollups and to their key's daily usage, each chunk
   * in one statement, so rows, rollups and charges land together or not at all. An id already
   * stored (a redelivered or republished event) is skipped, and only the rows the INSERT returns
   * (the new ones) are rolled up, so a redelivery is never counted or charged twice.
   */
  async insertMany(events: readonly GenerationEvent[]): Promise<void> {
    const unique = [...new Map(events.map((event) => [event.id, event])).values()];
    for (let start = 0; start < unique.length; start += ROWS_PER_INSERT) {
      await this.insertChunk(unique.slice(start, start + ROWS_PER_INSERT));
    }
  }

  private async insertChunk(events: readonly GenerationEvent[]): Promise<void> {
    const rows = events.map(
      (_, row) => `(${COLUMNS.map((_, column) => `$${row * COLUMNS.length + column + 1}`).join(', ')})`,
    );
    const values = events.flatMap((event) => COLUMNS.map(([, value]) => value(event)));
    await this.records.query(
      `WITH inserted AS (
         INSERT INTO generations (${COLUMNS.map(([column]) => column).join(', ')})
         VALUES ${rows.join(', ')}
         ON CONFLICT (id) DO NOTHING
         RETURNING *
       ),
       minute_rollups AS (${ROLLUP_INSERTED})
       ${CHARGE_INSERTED}`,
      values,
    );
  }

  /** The preset report's variants alone (see VARIANT_STATS). */
  variantStats(preset: string, windowSeconds: number, owner: string | null): Promise<VariantStats[]> {
    return this.records.query(VARIANT_STATS, [preset, windowSeconds, owner]);
  }

  /**
   * A preset report's inputs from one snapshot (and one `now()`), so the variants' figures and the
   * comparisons agree: the variant stats, and for each variant other than the first (the baseline)
   * the per-arm aggregates the A/B tests need, over each arm's latest `maxRowsPerArm` generations.
   */
  variantReport(
    preset: string,
    windowSeconds: number,
    owner: string | null,
    maxRowsPerArm: number,
  ): Promise<{ variants: VariantStats[]; sides: ComparisonSide[] }> {
    return this.records.manager.transaction('REPEATABLE READ', async (manager) => {
      const variants: VariantStats[] = await manager.query(VARIANT_STATS, [preset, windowSeconds, owner]);
      const sides: ComparisonSide[] =
        variants.length < 2
          ? []
          : await manager.query(COMPARISON_SIDES, [
              preset,
              windowSeconds,
              owner,
              variants[0].variant,
              maxRowsPerArm,
            ]);
      return { variants, sides };
    });
  }
}

/**
 * One row per variant of `preset` over generations created in the last `windowSeconds` (of one
 * key, `owner`, or of all with null), with percentiles computed by Postgres. Errors are
 * generations whose status is 'error'.
 */
const VARIANT_STATS = `
  SELECT variant,
         count(*)::int AS requests,
         (count(*) FILTER (WHERE status = 'error'))::int AS errors,
         (count(*) FILTER (WHERE status = 'error'))::float8 / count(*) AS error_rate,
         percentile_cont(0.5) WITHIN GROUP (ORDER BY latency_ms) AS latency_p50_ms,
         percentile_cont(0.95) WITHIN GROUP (ORDER BY latency_ms) AS latency_p95_ms,
         percentile_cont(0.5) WITHIN GROUP (ORDER BY generation_time_ms) AS generation_time_p50_ms,
         sum(total_cost)::float8 AS total_cost,
         (sum(total_cost) / count(*))::float8 AS cost_per_request,
         sum(tokens_prompt)::float8 AS tokens_prompt,
         sum(tokens_completion)::float8 AS tokens_completion
    FROM generations
   WHERE preset = $1 AND created_at > now() - make_interval(secs => $2)
     AND ($3::text IS NULL OR api_key_id = $3)
   GROUP BY variant
   ORDER BY variant NULLS LAST`;

/**
 * Two rows (baseline side first) per variant other than the baseline `$4`, over the latest `$5`
 * generations of each arm in the window: counts, means and sample variances (cost and tokens per
 * request), percentiles, and for the rank tests each side's sum of average ranks in the pair's
 * pooled ranking (ties share the mean of their ranks), its part of the tie correction (each value
 * adds t² − 1, t the size of its tie group, so both sides together give Σ (t³ − t) over the groups)
 * and how many of its latencies exceed the pair's pooled p95. Null latencies (no byte sent) rank
 * last and are left out. Only these aggregates leave the database.
 */
const COMPARISON_SIDES = `
  WITH recent AS (
    SELECT variant, status = 'error' AS failed, latency_ms, generation_time_ms, total_cost,
           tokens_prompt + tokens_completion AS tokens,
           row_number() OVER (PARTITION BY variant ORDER BY created_at DESC, id DESC) AS recency
      FROM generations
     WHERE preset = $1 AND created_at > now() - make_interval(secs => $2)
       AND ($3::text IS NULL OR api_key_id = $3)
  ),
  pairs AS (
    SELECT challenger.variant AS challenger, recent.variant IS NOT DISTINCT FROM $4 AS is_baseline,
           failed, latency_ms, generation_time_ms, total_cost, tokens
      FROM (SELECT DISTINCT variant FROM recent WHERE variant IS DISTINCT FROM $4) AS challenger
      JOIN recent ON recent.variant IS NOT DISTINCT FROM challenger.variant OR recent.variant = $4
     WHERE recent.recency <= $5
  ),
  ranked AS (
    SELECT pairs.*,
           rank() OVER latency_order + (count(*) OVER latency_tie - 1) / 2.0 AS latency_rank,
           count(*) OVER latency_tie AS latency_ties,
           rank() OVER generation_time_order + (count(*) OVER generation_time_tie - 1) / 2.0
             AS generation_time_rank,
           count(*) OVER generation_time_tie AS generation_time_ties
      FROM pairs
    WINDOW latency_order AS (PARTITION BY challenger ORDER BY latency_ms),
           latency_tie AS (PARTITION BY challenger, latency_ms),
           generation_time_order AS (PARTITION BY challenger ORDER BY generation_time_ms),
           generation_time_tie AS (PARTITION BY challenger, generation_time_ms)
  ),
  pooled AS (
    SELECT challenger, percentile_cont(0.95) WITHIN GROUP (ORDER BY latency_ms) AS latency_p95_ms
      FROM pairs
     GROUP BY challenger
  )
  SELECT ranked.challenger, ranked.is_baseline,
         count(*)::int AS requests,
         (count(*) FILTER (WHERE failed))::int AS errors,
         avg(total_cost)::float8 AS cost_mean,
         var_samp(total_cost)::float8 AS cost_variance,
         avg(tokens)::float8 AS tokens_mean,
         var_samp(tokens)::float8 AS tokens_variance,
         count(latency_ms)::int AS latency_n,
         percentile_cont(0.5) WITHIN GROUP (ORDER BY latency_ms) AS latency_p50_ms,
         percentile_cont(0.95) WITHIN GROUP (ORDER BY latency_ms) AS latency_p95_ms,
         coalesce(sum(latency_rank) FILTER (WHERE latency_ms IS NOT NULL), 0)::float8 AS latency_rank_sum,
         coalesce(sum(latency_ties * latency_ties - 1) FILTER (WHERE latency_ms IS NOT NULL), 0)::float8
           AS latency_ties_term,
         (count(*) FILTER (WHERE latency_ms > pooled.latency_p95_ms))::int AS latency_above_pooled_p95,
         count(*)::int AS generation_time_n,
         percentile_cont(0.5) WITHIN GROUP (ORDER BY generation_time_ms) AS generation_time_p50_ms,
         sum(generation_time_rank)::float8 AS generation_time_rank_sum,
         sum(generation_time_ties * generation_time_ties - 1)::float8 AS generation_time_ties_term
    FROM ranked
    JOIN pooled ON pooled.challenger IS NOT DISTINCT FROM ranked.challenger
   GROUP BY ranked.challenger, ranked.is_baseline
   ORDER BY ranked.challenger NULLS LAST, ranked.is_baseline DESC`;

/** Per-variant figures of a preset, as Postgres computes them; a percentile is null without samples. */
export interface VariantStats {
  variant: string | null;
  requests: number;
  errors: number;
  error_rate: number;
  latency_p50_ms: number | null;
  latency_p95_ms: number | null;
  generation_time_p50_ms: number | null;
  total_cost: number;
  cost_per_request: number;
  tokens_prompt: number;
  tokens_completion: number;
}

/**
 * One side of a comparison: the baseline's (`is_baseline`) or the challenger's rows of the pair
 * `challenger` against the baseline. Null figures: no value to aggregate (or one, for a variance).
 */
export interface ComparisonSide {
  challenger: string | null;
  is_baseline: boolean;
  requests: number;
  errors: number;
  cost_mean: number;
  cost_variance: number | null;
  tokens_mean: number;
  tokens_variance: number | null;
  latency_n: number;
  latency_p50_ms: number | null;
  latency_p95_ms: number | null;
  latency_rank_sum: number;
  latency_ties_term: number;
  latency_above_pooled_p95: number;
  generation_time_n: number;
  generation_time_p50_ms: number | null;
  generation_time_rank_sum: number;
  generation_time_ties_term: number;
}

/**
 * Adds the rows of `inserted` to their minute's rollup. Minutes are cut in UTC so every replica
 * agrees whatever its session time zone; the unique key treats NULLs as equal (see the migration).
 */
const ROLLUP_INSERTED = `
  INSERT INTO generation_rollups AS rollup (
    minute, model, provider_id, preset, variant, requests, errors, tokens_prompt, tokens_completion,
    tokens_reasoning, tokens_cached, total_cost, latency_ms_sum, latency_count, generation_time_ms_sum
  )
  SELECT date_trunc('minute', created_at, 'UTC'), model, provider_id, preset, variant,
         count(*), count(*) FILTER (WHERE status = 'error'), sum(tokens_prompt), sum(tokens_completion),
         sum(tokens_reasoning), sum(tokens_cached), sum(total_cost), coalesce(sum(latency_ms), 0),
         count(latency_ms), sum(generation_time_ms)
    FROM inserted
   GROUP BY 1, 2, 3, 4, 5
  ON CONFLICT (minute, model, provider_id, preset, variant) DO UPDATE SET
    requests = rollup.requests + excluded.requests,
    errors = rollup.errors + excluded.errors,
    tokens_prompt = rollup.tokens_prompt + excluded.tokens_prompt,
    tokens_completion = rollup.tokens_completion + excluded.tokens_completion,
    tokens_reasoning = rollup.tokens_reasoning + excluded.tokens_reasoning,
    tokens_cached = rollup.tokens_cached + excluded.tokens_cached,
    total_cost = rollup.total_cost + excluded.total_cost,
    latency_ms_sum = rollup.latency_ms_sum + excluded.latency_ms_sum,
    latency_count = rollup.latency_count + excluded.latency_count,
    generation_time_ms_sum = rollup.generation_time_ms_sum + excluded.generation_time_ms_sum`;

/**
 * Charges the rows of `inserted` to their key, per UTC day, model, provider and app: `usage` is what was
 * spent on the gateway's credentials, `byok_usage` what the key's own credentials were billed.
 */
const CHARGE_INSERTED = `
  INSERT INTO key_usage_daily AS daily (
    api_key_id, day, model, provider_name, app, requests, prompt_tokens, completion_tokens,
    reasoning_tokens, usage, byok_usage
  )
  SELECT api_key_id, (created_at AT TIME ZONE 'UTC')::date, model, coalesce(provider_name, ''),
         coalesce(app_title, app_referer, ''), count(*), sum(tokens_prompt), sum(tokens_completion),
         sum(tokens_reasoning), sum(total_cost), coalesce(sum(upstream_inference_cost) FILTER (WHERE is_byok), 0)
    FROM inserted
   WHERE api_key_id IS NOT NULL
   GROUP BY 1, 2, 3, 4, 5
  ON CONFLICT (api_key_id, day, model, provider_name, app) DO UPDATE SET
    requests = daily.requests + excluded.requests,
    prompt_tokens = daily.prompt_tokens + excluded.prompt_tokens,
    completion_tokens = daily.completion_tokens + excluded.completion_tokens,
    reasoning_tokens = daily.reasoning_tokens + excluded.reasoning_tokens,
    usage = daily.usage + excluded.usage,
    byok_usage = daily.byok_usage + excluded.byok_usage`;
