import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the gateway added to each served generation (ms, fractional: the overhead is usually under
 * one). Generations stored before it have none.
 */
export class AddGenerationGatewayOverhead1796200000000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE generations ADD COLUMN gateway_overhead_ms real');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE generations DROP COLUMN gateway_overhead_ms');
  }
}
