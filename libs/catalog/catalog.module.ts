import { Global, Injectable, Logger, Module, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { Bus } from '../messaging/bus';
import { CATALOG_KEY, catalogBucketName, openCatalogBucket } from './catalog-bucket';
import { CatalogStore } from './catalog-store';
import { CatalogError, loadCatalog, parseCatalog } from './load-catalog';

/**
 * Keeps the store in step with the cluster's catalog bucket: the stored version replaces the file
 * before the service starts serving, and each later push replaces it while the service runs. A
 * pushed catalog that does not validate here is refused and the one in force is kept.
 */
@Injectable()
class CatalogSync implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('Catalog');
  private stop?: () => void;

  constructor(
    private readonly bus: Bus,
    private readonly store: CatalogStore,
  ) {}

  async onModuleInit(): Promise<void> {
    const bucket = await openCatalogBucket(this.bus.nc, this.bus.subjects);
    const source = `nats-kv:${catalogBucketName(this.bus.subjects)}/${CATALOG_KEY}`;
    const stored = await bucket.get(CATALOG_KEY);
    if (stored?.operation === 'PUT') this.apply(stored.string(), source, stored.revision);
    const updates = await bucket.watch({ key: CATALOG_KEY, resumeFromRevision: (stored?.revision ?? 0) + 1 });
    this.stop = () => updates.stop();
    void (async () => {
      for await (const entry of updates)
        if (entry.operation === 'PUT') this.apply(entry.string(), source, entry.revision);
    })();
  }

  onModuleDestroy(): void {
    this.stop?.();
  }

  private apply(text: string, source: string, revision: number): void {
    try {
      this.store.replace(parseCatalog(text, source, process.env));
      this.logger.log(`catalog revision ${revision} in force`);
    } catch (error) {
      const reason = error instanceof CatalogError ? error.message : String(error);
      this.logger.error(`catalog revision ${revision} refused, keeping the one in force: ${reason}`);
    }
  }
}

/** The catalog in force: the file at start, then whatever is pushed to the cluster. */
@Global()
@Module({
  providers: [{ provide: CatalogStore, useFactory: () => new CatalogStore(loadCatalog()) }, CatalogSync],
  exports: [CatalogStore],
})
export class CatalogModule {}
