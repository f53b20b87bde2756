import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateGenerations1795581643651 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE generations (
        id text PRIMARY KEY,
        created_at timestamptz NOT NULL,
        model text NOT NULL,
        provider_id text,
        provider_name text,
        upstream_model text,
        upstream_id text,
        streamed boolean NOT NULL,
        cancelled boolean NOT NULL,
        status text NOT NULL,
        error_code integer,
        error_message text,
        finish_reason text,
        native_finish_reason text,
        tokens_prompt integer NOT NULL,
        tokens_completion integer NOT NULL,
        tokens_reasoning integer NOT NULL,
        tokens_cached integer NOT NULL,
        total_cost numeric(20, 10) NOT NULL,
        latency_ms integer,
        generation_time_ms integer NOT NULL,
        provider_responses jsonb NOT NULL,
        api_key_id text,
        user_id text,
        session_id text,
        recorded_at timestamptz NOT NULL DEFAULT now()
      )
    `);
    await queryRunner.query('CREATE INDEX generations_created_at_idx ON generations (created_at)');
    await queryRunner.query(
      'CREATE INDEX generations_model_created_at_idx ON generations (model, created_at)',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE generations');
  }
}
