import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { Msg } from '@nats-io/transport-node';
import { CatalogStore } from '../../../libs/catalog';
import {
  assignmentHeader,
  type AttemptEvent,
  ROUTE_HEADER,
  type RouteRequest,
} from '../../../libs/contracts';
import { Bus, contextFromHeaders, FrameWriter, readAttemptEvents } from '../../../libs/messaging';
import { inSpan, SpanKind } from '../../../libs/telemetry';
import type { HealthView } from '../health/endpoint-health';
import { HEALTH_VIEW } from '../health/health-view.token';
import { planRoute } from './plan-route';
import { endpointKey } from './route-candidate';
import { KvSessionEndpoints, SESSION_TTL_MS, type SessionEndpoints } from './session-endpoints';

/**
 * Routes each job: answers its plan on the requester's inbox, then forwards the job's bytes,
 * unread, to the first attempt's worker, which answers on that same inbox. The prompt is never
 * parsed here; the routing request travels in a header.
 */
@Injectable()
export class RouteJobService implements OnApplicationBootstrap {
  private readonly logger = new Logger(RouteJobService.name);
  private readonly sessions: SessionEndpoints;
  /** Generations routed here with a session, until an attempt serves them: generation id → session id. */
  private readonly awaitingServe = new Map<string, string>();

  constructor(
    private readonly bus: Bus,
    private readonly catalogs: CatalogStore,
    @Inject(HEALTH_VIEW) private readonly health: HealthView,
  ) {
    this.sessions = new KvSessionEndpoints(bus.nc, bus.subjects);
  }

  onApplicationBootstrap(): void {
    this.bus.subscribe(this.bus.subjects.routeJob, 'router', (msg) => {
      void inSpan('route', { kind: SpanKind.SERVER, parent: contextFromHeaders(msg.headers) }, async () =>
        this.route(msg),
      );
    });
    // Every replica hears every outcome; only the one that routed the generation holds its session.
    // The health tracker reads every event anyway; here one is parsed only while a session awaits it.
    this.bus.subscribe(this.bus.subjects.attemptEvent, undefined, (msg) => {
      if (this.awaitingServe.size === 0) return;
      for (const event of readAttemptEvents(msg.string())) this.onAttempt(event);
    });
    this.logger.log(`serving ${this.bus.subjects.routeJob} for ${this.catalogs.current.models.size} models`);
  }

  private async route(msg: Msg): Promise<void> {
    if (!msg.reply) return;
    const writer = new FrameWriter(this.bus.nc, msg.reply);
    const request = JSON.parse(msg.headers?.get(ROUTE_HEADER) || '{}') as RouteRequest;
    const sessionId = request.sessionId ?? undefined;
    const plan = planRoute(request, this.catalogs.current, this.bus.subjects, {
      health: this.health,
      random: Math.random,
      now: Date.now(),
      stickyEndpoint: sessionId ? await this.stickyEndpoint(sessionId) : undefined,
    });
    if (!plan.ok) {
      writer.error(plan);
      return;
    }
    writer.plan(plan.attempts);
    const [first] = plan.attempts;
    this.bus.forward(first.subject, msg.data, msg.reply, assignmentHeader(request.attempt ?? 0, first));
    if (sessionId && request.generationId) this.awaitServe(request.generationId, sessionId);
  }

  private awaitServe(generationId: string, sessionId: string): void {
    this.awaitingServe.set(generationId, sessionId);
    setTimeout(() => this.awaitingServe.delete(generationId), SESSION_TTL_MS).unref();
  }

  /** The session is pinned to the endpoint that served it, whichever attempt that was. */
  private onAttempt(event: AttemptEvent): void {
    const sessionId = this.awaitingServe.get(event.generationId);
    if (!sessionId || !event.ok) return;
    this.awaitingServe.delete(event.generationId);
    this.sessions.remember(sessionId, endpointKey(event.providerId, event.model)).catch((error: unknown) => {
      this.logger.warn(`session not recorded: ${String(error)}`);
    });
  }

  /** Stickiness is an optimisation: a KV outage routes as if the session were new. */
  private async stickyEndpoint(sessionId: string): Promise<string | undefined> {
    return this.sessions.get(sessionId).catch((error: unknown) => {
      this.logger.warn(`session lookup failed, routing without it: ${String(error)}`);
      return undefined;
    });
  }
}
