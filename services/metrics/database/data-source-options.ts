import type { DataSourceOptions } from 'typeorm';
import { GenerationRecord } from '../generations/generation-record.entity';
import { CreateGenerations1795581643651 } from '../migrations/1795581643651-create-generations';

/** The schema comes only from the migrations, listed here in order, never from entity synchronisation. */
export function dataSourceOptions(databaseUrl: string): DataSourceOptions {
  return {
    type: 'postgres',
    url: databaseUrl,
    entities: [GenerationRecord],
    migrations: [CreateGenerations1795581643651],
    migrationsRun: true,
    synchronize: false,
    logging: ['schema', 'migration'],
  };
}
