import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Whether the gateway counted a generation's tokens itself (the provider sent no usage, or the
 * stream ended before it did), so that an estimated charge is told apart from a provider's count.
 * Generations stored before it were all counted by their provider.
 */
export class AddGenerationUsageEstimated1796100000000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE generations ADD COLUMN usage_estimated boolean NOT NULL DEFAULT false',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE generations DROP COLUMN usage_estimated');
  }
}
