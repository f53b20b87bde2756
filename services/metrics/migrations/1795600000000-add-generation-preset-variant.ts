import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Which preset and variant served each generation, so presets can be compared (A/B reports). */
export class AddGenerationPresetVariant1795600000000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE generations ADD COLUMN preset text NULL, ADD COLUMN variant text NULL',
    );
    await queryRunner.query(
      'CREATE INDEX generations_preset_variant_created_at_idx ON generations (preset, variant, created_at)',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX generations_preset_variant_created_at_idx');
    await queryRunner.query('ALTER TABLE generations DROP COLUMN preset, DROP COLUMN variant');
  }
}
