import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Managed API keys (stored by hash only), their BYOK credentials (sealed), and per-key daily usage
 * kept up to date as generations are stored, so a key's usage, limit and activity are a few rows
 * to read rather than a scan of its generations.
 */
export class CreateApiKeys1796000000000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE api_keys (
        hash text PRIMARY KEY,
        name text NOT NULL,
        label text NOT NULL,
        disabled boolean NOT NULL DEFAULT false,
        spend_limit numeric(20, 10),
        limit_reset text CHECK (limit_reset IN ('daily', 'weekly', 'monthly')),
        include_byok_in_limit boolean NOT NULL DEFAULT false,
        rate_limit_requests integer,
        rate_limit_tokens integer,
        expires_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz
      )
    `);
    await queryRunner.query(`
      CREATE TABLE byok_credentials (
        key_hash text NOT NULL REFERENCES api_keys (hash) ON DELETE CASCADE,
        provider_id text NOT NULL,
        sealed text NOT NULL,
        label text NOT NULL,
        always_use boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz,
        PRIMARY KEY (key_hash, provider_id)
      )
    `);
    await queryRunner.query(`
      ALTER TABLE generations
        ADD COLUMN is_byok boolean NOT NULL DEFAULT false,
        ADD COLUMN upstream_inference_cost numeric(20, 10)
    `);
    await queryRunner.query(
      'CREATE INDEX generations_api_key_created_at_idx ON generations (api_key_id, created_at)',
    );
    // usage: spent on the gateway's own credentials; byok_usage: on the key's (what the provider billed).
    await queryRunner.query(`
      CREATE TABLE key_usage_daily (
        api_key_id text NOT NULL,
        day date NOT NULL,
        model text NOT NULL,
        provider_name text NOT NULL,
        requests integer NOT NULL,
        prompt_tokens bigint NOT NULL,
        completion_tokens bigint NOT NULL,
        reasoning_tokens bigint NOT NULL,
        usage numeric(20, 10) NOT NULL,
        byok_usage numeric(20, 10) NOT NULL,
        PRIMARY KEY (api_key_id, day, model, provider_name)
      )
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE key_usage_daily');
    await queryRunner.query('DROP INDEX generations_api_key_created_at_idx');
    await queryRunner.query(
      'ALTER TABLE generations DROP COLUMN is_byok, DROP COLUMN upstream_inference_cost',
    );
    await queryRunner.query('DROP TABLE byok_credentials');
    await queryRunner.query('DROP TABLE api_keys');
  }
}
