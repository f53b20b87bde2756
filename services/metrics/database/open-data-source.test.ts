import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { dataSourceOptions } from './data-source-options';
import { ensureDatabase } from './ensure-database';
import { openDataSource } from './open-data-source';

const SERVER_URL = 'postgres://postgres@127.0.0.1:5432';
const database = `switchyard_metrics_test_${randomBytes(5).toString('hex')}`;
const databaseUrl = `${SERVER_URL}/${database}`;

afterAll(async () => {
  const admin = new Client({ connectionString: `${SERVER_URL}/postgres` });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  await admin.end();
});

describe('opening the database', () => {
  it('creates it and applies each migration once when replicas start together', async () => {
    await Promise.all([
      ensureDatabase(databaseUrl),
      ensureDatabase(databaseUrl),
      ensureDatabase(databaseUrl),
    ]);
    const options = dataSourceOptions(databaseUrl);
    const sources = await Promise.all([
      openDataSource(options),
      openDataSource(options),
      openDataSource(options),
    ]);
    try {
      expect(await sources[0].query('SELECT name FROM migrations ORDER BY id')).toEqual([
        { name: 'CreateGenerations1795581643651' },
        { name: 'AddGenerationPresetVariant1795600000000' },
        { name: 'CreateGenerationRollups1795600000001' },
        { name: 'CreateApiKeys1796000000000' },
        { name: 'AddGenerationUsageEstimated1796100000000' },
        { name: 'AddGenerationGatewayOverhead1796200000000' },
        { name: 'AddAppAttribution1796300000000' },
        { name: 'AddGenerationDroppedParameters1796300000001' },
      ]);
      expect(await sources[0].query("SELECT to_regclass('generations') IS NOT NULL AS present")).toEqual([
        { present: true },
      ]);
    } finally {
      await Promise.all(sources.map((source) => source.destroy()));
    }
  });
});
