import { Module } from '@nestjs/common';
import { CatalogModule } from '../../libs/catalog';
import { MessagingModule } from '../../libs/messaging';
import { EndpointsService } from './health/endpoints.service';
import { HealthTracker } from './health/health-tracker';
import { HEALTH_VIEW } from './health/health-view.token';
import { RouteJobService } from './planning/route-job.service';

@Module({
  imports: [MessagingModule.forRoot('router'), CatalogModule],
  providers: [
    RouteJobService,
    HealthTracker,
    EndpointsService,
    { provide: HEALTH_VIEW, useExisting: HealthTracker },
  ],
})
export class RouterModule {}
