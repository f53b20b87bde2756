import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { connect } from '@nats-io/transport-node';
import { catalogBucketName, CatalogError, pushCatalog } from '../libs/catalog';
import { parseEnv, sharedEnvSchema } from '../libs/config/env';
import { subjectsFor } from '../libs/contracts';

/**
 * `npm run catalog:push [file]`: validates a catalog and applies it to the running cluster; every
 * service switches to it within moments, without a restart. The file defaults to config/catalog.yaml.
 */
async function main(): Promise<void> {
  const file = resolve(process.argv[2] ?? process.env.SWITCHYARD_CATALOG ?? 'config/catalog.yaml');
  const env = parseEnv(sharedEnvSchema);
  const subjects = subjectsFor(env.SWITCHYARD_NAMESPACE);
  const nc = await connect({ servers: env.NATS_URL });
  try {
    const revision = await pushCatalog(nc, subjects, readFileSync(file, 'utf8'), file);
    console.log(`catalog ${file} is revision ${revision} of ${catalogBucketName(subjects)}`);
  } finally {
    await nc.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof CatalogError ? error.message : `catalog push failed: ${String(error)}`);
  process.exit(1);
});
