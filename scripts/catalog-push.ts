import { connect } from '@nats-io/transport-node';
import { catalogBucketName, CatalogError, pushCatalog, readCatalogFile } from '../libs/catalog';
import { parseEnv, sharedEnvSchema } from '../libs/config/env';
import { subjectsFor } from '../libs/contracts';
import { natsServers } from '../libs/config/nats-servers';

/**
 * `npm run catalog:push [file]`: validates a catalog and applies it to the running cluster; every
 * service switches to it within moments, without a restart, and a service restarted later keeps
 * it for as long as its own file is unchanged. The file defaults to config/catalog.yaml.
 */
async function main(): Promise<void> {
  const file = readCatalogFile(process.argv[2] ?? process.env.SWITCHYARD_CATALOG ?? 'config/catalog.yaml');
  const env = parseEnv(sharedEnvSchema);
  const subjects = subjectsFor(env.SWITCHYARD_NAMESPACE);
  const nc = await connect({ servers: natsServers(env.NATS_URL) });
  try {
    const revision = await pushCatalog(nc, subjects, file);
    console.log(
      `catalog ${file.path} (sha256 ${file.hash.slice(0, 12)}…) is revision ${revision} of ${catalogBucketName(subjects)}`,
    );
  } finally {
    await nc.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof CatalogError ? error.message : `catalog push failed: ${String(error)}`);
  process.exit(1);
});
