import { Client } from 'pg';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { connectPostgres } from '../../../libs/runtime/postgres-failure';

/** Any fixed number, shared by every replica: it names the lock, nothing else. */
const MIGRATION_LOCK_KEY = 0x5713_0001;

/**
 * Connects and runs the pending migrations while holding a Postgres advisory lock, so replicas
 * starting together apply each migration once (TypeORM itself does not guard against that).
 */
export async function openDataSource(options?: DataSourceOptions): Promise<DataSource> {
  if (options?.type !== 'postgres' || !options.url) throw new Error('metrics expects a postgres URL');
  const lock = new Client({ connectionString: options.url });
  await connectPostgres(lock, options.url);
  try {
    await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    return await new DataSource(options).initialize();
  } finally {
    // Ending the session releases the lock.
    await lock.end();
  }
}
