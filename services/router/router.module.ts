import { Module } from '@nestjs/common';
import { CatalogModule } from '../../libs/catalog';
import { MessagingModule } from '../../libs/messaging';
import { ObservabilityModule } from '../../libs/observability';
import { EndpointsService } from './health/endpoints.service';
import { HealthTracker } from './health/health-tracker';

@Module({
  imports: [
    MessagingModule.forRoot('router'),
    ObservabilityModule.forService('router', { listen: true }),
    CatalogModule,
  ],
  providers: [HealthTracker, EndpointsService],
})
export class RouterModule {}
