import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { CatalogStore } from '../../../libs/catalog';
import { errors, type QueryReply } from '../../../libs/contracts';
import { Bus } from '../../../libs/messaging';
import { toEndpointListing } from './endpoint-listing';
import { HealthTracker } from './health-tracker';

export interface EndpointsLookupRequest {
  /** Public model id, `author/slug`. */
  model: string;
}

export type EndpointsLookupReply = QueryReply<ReturnType<typeof toEndpointListing>>;

/** Answers the endpoints API for ingress: a model's catalog endpoints with this router's health. */
@Injectable()
export class EndpointsService implements OnApplicationBootstrap {
  constructor(
    private readonly bus: Bus,
    private readonly catalogs: CatalogStore,
    private readonly health: HealthTracker,
  ) {}

  onApplicationBootstrap(): void {
    this.bus.serve<EndpointsLookupRequest, EndpointsLookupReply>(
      this.bus.subjects.endpointsLookup,
      'router',
      (request) => this.lookup(request.model),
    );
  }

  lookup(modelId: string): EndpointsLookupReply {
    const catalog = this.catalogs.current;
    const model = catalog.model(modelId);
    if (!model) {
      const notFound = errors.notFound(
        `Model "${modelId}" not found. List the available models with GET /api/v1/models.`,
      );
      return { ok: false, ...notFound.toWire() };
    }
    return { ok: true, data: toEndpointListing(model, catalog, (p, m) => this.health.report(p, m)) };
  }
}
