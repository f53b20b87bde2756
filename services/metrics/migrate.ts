import { parseEnv } from '../../libs/config/env';
import { dataSourceOptions } from './database/data-source-options';
import { ensureDatabase } from './database/ensure-database';
import { openDataSource } from './database/open-data-source';
import { metricsEnvSchema } from './metrics-env';

/**
 * `node dist/services/metrics/migrate.js`: creates the database if missing and applies the pending
 * migrations, then exits — what a deployment's migration Job runs before the services roll out
 * with SWITCHYARD_MIGRATE_AT_START=false.
 */
async function migrate(): Promise<void> {
  const { DATABASE_URL } = parseEnv(metricsEnvSchema);
  await ensureDatabase(DATABASE_URL);
  const db = await openDataSource({ ...dataSourceOptions(DATABASE_URL), logging: ['migration'] });
  await db.destroy();
}

migrate().then(
  () => console.log('migrations applied'),
  (error: unknown) => {
    console.error(`migration failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
