import { Client, escapeIdentifier } from 'pg';
import { connectPostgres } from '../../../libs/runtime/postgres-failure';

/**
 * Creates the database named in `databaseUrl` if it is missing, so a fresh Postgres needs no manual
 * step. It connects to the server's `postgres` database to do so, since the target cannot be
 * connected to before it exists.
 */
export async function ensureDatabase(databaseUrl: string): Promise<void> {
  const name = decodeURIComponent(new URL(databaseUrl).pathname.slice(1));
  const adminUrl = new URL(databaseUrl);
  adminUrl.pathname = '/postgres';
  const client = new Client({ connectionString: adminUrl.toString() });
  await connectPostgres(client, adminUrl.toString());
  try {
    if (await exists(client, name)) return;
    try {
      await client.query(`CREATE DATABASE ${escapeIdentifier(name)}`);
    } catch (error) {
      // Another replica may have created it in between; only a database that still is not there is an error.
      if (!(await exists(client, name))) throw error;
    }
  } finally {
    await client.end();
  }
}

async function exists(client: Client, name: string): Promise<boolean> {
  const result = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
  return result.rowCount === 1;
}
