import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The request parameters the serving endpoint does not take, which its worker left out (sampling
 * parameters only: the ones that change what an answer means are never dropped). Generations
 * stored before it list none.
 */
export class AddGenerationDroppedParameters1796300000001 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE generations ADD COLUMN dropped_parameters text[] NOT NULL DEFAULT '{}'`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE generations DROP COLUMN dropped_parameters');
  }
}
