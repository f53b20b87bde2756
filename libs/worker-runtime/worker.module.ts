import { Module, type DynamicModule } from '@nestjs/common';
import { CatalogModule } from '../catalog';
import { MessagingModule } from '../messaging';
import { ObservabilityModule } from '../observability';
import type { ProviderAdapter } from '../providers';
import { Cancellations } from './cancellations';
import { ChatJobService, PROVIDER_ADAPTER } from './chat-job.service';

/** A worker process: one protocol family, every provider of that family in the catalog. */
@Module({})
export class WorkerModule {
  static forFamily(adapter: ProviderAdapter): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        MessagingModule.forRoot(`worker-${adapter.family}`),
        ObservabilityModule.forService(`worker-${adapter.family}`, { listen: true }),
        CatalogModule,
      ],
      providers: [{ provide: PROVIDER_ADAPTER, useValue: adapter }, Cancellations, ChatJobService],
    };
  }
}
