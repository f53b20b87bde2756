import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { Msg } from '@nats-io/transport-node';
import { CatalogStore } from '../../../libs/catalog';
import {
  ATTEMPT_HEADER,
  ROUTE_HEADER,
  type AttemptAssignment,
  type RouteRequest,
} from '../../../libs/contracts';
import { Bus, contextFromHeaders, FrameWriter } from '../../../libs/messaging';
import { inSpan, SpanKind } from '../../../libs/telemetry';
import { planRoute } from './plan-route';

/**
 * Routes each job: answers its plan on the requester's inbox, then forwards the job's bytes,
 * unread, to the first attempt's worker, which answers on that same inbox. The prompt is never
 * parsed here; the routing request travels in a header.
 */
@Injectable()
export class RouteJobService implements OnApplicationBootstrap {
  private readonly logger = new Logger(RouteJobService.name);

  constructor(
    private readonly bus: Bus,
    private readonly catalogs: CatalogStore,
  ) {}

  onApplicationBootstrap(): void {
    this.bus.subscribe(this.bus.subjects.routeJob, 'router', (msg) => {
      void inSpan('route', { kind: SpanKind.SERVER, parent: contextFromHeaders(msg.headers) }, async () =>
        this.route(msg),
      );
    });
    this.logger.log(`serving ${this.bus.subjects.routeJob} for ${this.catalogs.current.models.size} models`);
  }

  private route(msg: Msg): void {
    if (!msg.reply) return;
    const writer = new FrameWriter(this.bus.nc, msg.reply);
    const request = JSON.parse(msg.headers?.get(ROUTE_HEADER) || '{}') as RouteRequest;
    const plan = planRoute(request, this.catalogs.current, this.bus.subjects);
    if (!plan.ok) {
      writer.error(plan);
      return;
    }
    writer.plan(plan.attempts);
    const [first] = plan.attempts;
    const assignment: AttemptAssignment = { attempt: 0, model: first.model, endpoint: first.endpoint };
    this.bus.forward(first.subject, msg.data, msg.reply, { [ATTEMPT_HEADER]: JSON.stringify(assignment) });
  }
}
