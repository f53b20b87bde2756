import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { TEST_PG_SERVER as SERVER_URL } from '../../libs/testing/stack-cleanup';

const run = promisify(execFile);

/** The migration Job's command, as a process, against a database that does not exist yet. */
describe('dist/services/metrics/migrate.js', () => {
  const database = `switchyard_migrate_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: `${SERVER_URL}/postgres` });

  beforeAll(() => admin.connect());
  afterAll(async () => {
    await admin.query(`DROP DATABASE IF EXISTS ${database}`);
    await admin.end();
  });

  it('creates the database, applies every migration, and exits', async () => {
    const env = { ...process.env, DATABASE_URL: `${SERVER_URL}/${database}`, NODE_OPTIONS: '' };
    const { stdout } = await run(process.execPath, ['dist/services/metrics/migrate.js'], { env });
    expect(stdout).toContain('migrations applied');
    const db = new Client({ connectionString: `${SERVER_URL}/${database}` });
    await db.connect();
    try {
      const { rows } = await db.query<{ name: string }>('SELECT name FROM migrations ORDER BY id');
      expect(rows.map((row) => row.name)).toContain('AddGenerationDroppedParameters1796300000001');
      expect((await db.query("SELECT to_regclass('generations') IS NOT NULL AS present")).rows).toEqual([
        { present: true },
      ]);
    } finally {
      await db.end();
    }
  });
});
