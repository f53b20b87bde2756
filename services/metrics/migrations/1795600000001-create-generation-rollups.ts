import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Per-minute totals per model, provider, preset and variant, kept up to date as generations are
 * stored, so dashboards read a few rows per minute instead of scanning every generation.
 */
export class CreateGenerationRollups1795600000001 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE generation_rollups (
        minute timestamptz NOT NULL,
        model text NOT NULL,
        provider_id text,
        preset text,
        variant text,
        requests integer NOT NULL,
        errors integer NOT NULL,
        tokens_prompt bigint NOT NULL,
        tokens_completion bigint NOT NULL,
        tokens_reasoning bigint NOT NULL,
        tokens_cached bigint NOT NULL,
        total_cost numeric(20, 10) NOT NULL,
        latency_ms_sum bigint NOT NULL,
        latency_count integer NOT NULL,
        generation_time_ms_sum bigint NOT NULL
      )
    `);
    // NULLS NOT DISTINCT: a generation without provider or preset still has one row per minute to add to.
    await queryRunner.query(`
      CREATE UNIQUE INDEX generation_rollups_key_idx
        ON generation_rollups (minute, model, provider_id, preset, variant) NULLS NOT DISTINCT
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE generation_rollups');
  }
}
