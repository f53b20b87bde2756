import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { Catalog } from '../../../libs/catalog';
import type { RoutePlan, RouteRequest } from '../../../libs/contracts';
import { Bus } from '../../../libs/messaging';
import { planRoute } from './plan-route';

/** Answers ingress's "who should serve this?" for every replica in queue group `router`. */
@Injectable()
export class PlanService implements OnApplicationBootstrap {
  private readonly logger = new Logger(PlanService.name);

  constructor(
    private readonly bus: Bus,
    private readonly catalog: Catalog,
  ) {}

  onApplicationBootstrap(): void {
    this.bus.serve<RouteRequest, RoutePlan>(this.bus.subjects.routePlan, 'router', (request) =>
      planRoute(request, this.catalog, this.bus.subjects),
    );
    this.logger.log(`serving ${this.bus.subjects.routePlan} for ${this.catalog.models.size} models`);
  }
}
