import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * OpenRouter's app attribution: the `HTTP-Referer` and `X-Title` a request came with, kept with its
 * generation, and the app (its title, else its referer; '' for none) as one more key of a key's
 * daily usage, for GET /activity. Rows stored before it belong to no app.
 */
export class AddAppAttribution1796300000000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE generations ADD COLUMN app_referer text, ADD COLUMN app_title text');
    await queryRunner.query(`ALTER TABLE key_usage_daily ADD COLUMN app text NOT NULL DEFAULT ''`);
    await queryRunner.query('ALTER TABLE key_usage_daily DROP CONSTRAINT key_usage_daily_pkey');
    await queryRunner.query(
      'ALTER TABLE key_usage_daily ADD PRIMARY KEY (api_key_id, day, model, provider_name, app)',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DELETE FROM key_usage_daily WHERE app <> ''");
    await queryRunner.query('ALTER TABLE key_usage_daily DROP CONSTRAINT key_usage_daily_pkey');
    await queryRunner.query(
      'ALTER TABLE key_usage_daily ADD PRIMARY KEY (api_key_id, day, model, provider_name)',
    );
    await queryRunner.query('ALTER TABLE key_usage_daily DROP COLUMN app');
    await queryRunner.query('ALTER TABLE generations DROP COLUMN app_referer, DROP COLUMN app_title');
  }
}
