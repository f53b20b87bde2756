import { Global, Logger, Module, type OnModuleDestroy } from '@nestjs/common';
import type { KV } from '@nats-io/kv';
import { parseEnv } from '../config/env';
import { Bus } from '../messaging/bus';
import { whileJetStreamRecovers } from '../messaging/while-jetstream-recovers';
import { CATALOG_KEY, openCatalogBucket } from './catalog-bucket';
import { catalogEnvSchema } from './catalog-env';
import { CatalogStore } from './catalog-store';
import { describeCatalog } from './describe-catalog';
import { readCatalogFile } from './load-catalog';
import { readStoredCatalog, settleCatalog } from './settle-catalog';

/**
 * Keeps the store in step with the cluster's catalog bucket: the catalog in force is settled
 * before the service starts serving (its file, or the stored one: see chooseCatalog), and each
 * later change replaces it while the service runs. A stored catalog that does not validate here is
 * refused and the one in force is kept.
 */
class CatalogSync implements OnModuleDestroy {
  private static readonly logger = new Logger('Catalog');
  private stop?: () => void;

  private constructor(readonly store: CatalogStore) {}

  static async start(bus: Bus): Promise<CatalogSync> {
    const env = parseEnv(catalogEnvSchema);
    const file = env.SWITCHYARD_CATALOG_MODE === 'file' ? readCatalogFile(env.SWITCHYARD_CATALOG) : undefined;
    // Settling is revision-checked, so a try cut short by a JetStream timeout may simply be repeated.
    return whileJetStreamRecovers(async () => {
      const bucket = await openCatalogBucket(bus.nc, bus.subjects);
      const settled = await settleCatalog(bucket, file, process.env, CatalogSync.logger);
      const sync = new CatalogSync(new CatalogStore(settled.catalog));
      await sync.follow(bucket, settled.revision);
      return sync;
    });
  }

  onModuleDestroy(): void {
    this.stop?.();
  }

  private async follow(bucket: KV, revision: number): Promise<void> {
    const updates = await bucket.watch({ key: CATALOG_KEY, resumeFromRevision: revision + 1 });
    this.stop = () => updates.stop();
    void (async () => {
      for await (const update of updates)
        if (update.operation === 'PUT') this.apply(update.revision, update.string());
    })();
  }

  private apply(revision: number, value: string): void {
    try {
      const { entry, catalog } = readStoredCatalog(revision, value, process.env);
      this.store.replace(catalog);
      CatalogSync.logger.log(describeCatalog(revision, entry));
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      CatalogSync.logger.error(`catalog revision ${revision} refused, keeping the one in force: ${reason}`);
    }
  }
}

/** The catalog in force, the same in every service: see settleCatalog for which one at start. */
@Global()
@Module({
  providers: [
    { provide: CatalogSync, inject: [Bus], useFactory: (bus: Bus) => CatalogSync.start(bus) },
    { provide: CatalogStore, inject: [CatalogSync], useFactory: (sync: CatalogSync) => sync.store },
  ],
  exports: [CatalogStore],
})
export class CatalogModule {}
