import { Global, Module } from '@nestjs/common';
import { Catalog } from './catalog';
import { loadCatalog } from './load-catalog';

/** The validated catalog, loaded once at start: a broken file stops the service with its problems listed. */
@Global()
@Module({
  providers: [{ provide: Catalog, useFactory: () => loadCatalog() }],
  exports: [Catalog],
})
export class CatalogModule {}
