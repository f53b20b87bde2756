import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { CatalogStore } from '../../../libs/catalog';
import type { PlannedAttempt, RoutePlan, RouteRequest } from '../../../libs/contracts';
import { Bus, decodeJson } from '../../../libs/messaging';
import {
  endpointKey,
  HealthTableView,
  KvSessionEndpoints,
  planRoute,
  type HealthTable,
  type SessionEndpoints,
} from '../../../libs/routing';

/** How long an answer may wait for its session's endpoint to be written. */
const SESSION_WRITE_WAIT_MS = 250;

/**
 * Plans each request here, with the router's policy as the router publishes it: planRoute (libs/routing)
 * over the catalog and the router's last health table. No request waits on the router, and none
 * is lost with it: while no router runs, planning goes on with the last table it published.
 * A session's endpoint is read from, and remembered in, the sessions bucket shared by every ingress.
 */
@Injectable()
export class RoutePlanner implements OnApplicationBootstrap {
  private readonly logger = new Logger('Routing');
  private readonly health = new HealthTableView();
  private readonly sessions: SessionEndpoints;

  constructor(
    private readonly bus: Bus,
    private readonly catalogs: CatalogStore,
  ) {
    this.sessions = new KvSessionEndpoints(bus.nc, bus.subjects);
  }

  onApplicationBootstrap(): void {
    this.bus.subscribe(this.bus.subjects.healthTable, undefined, (msg) => {
      try {
        this.health.apply(decodeJson<HealthTable>(msg.data));
      } catch (error) {
        this.logger.warn(`unreadable health table: ${String(error)}`);
      }
    });
  }

  async plan(request: RouteRequest): Promise<RoutePlan> {
    const sessionId = request.sessionId ?? undefined;
    return planRoute(request, this.catalogs.current, this.bus.subjects, {
      health: this.health,
      random: Math.random,
      now: Date.now(),
      stickyEndpoint: sessionId ? await this.stickyEndpoint(sessionId) : undefined,
    });
  }

  /**
   * The session stays on the endpoint that served it, whichever attempt that was. Awaited before
   * the answer ends, so that the session's next request finds it, but never for longer than
   * SESSION_WRITE_WAIT_MS: stickiness is not worth a slow answer.
   */
  async served(request: RouteRequest, attempt: PlannedAttempt): Promise<void> {
    if (!request.sessionId) return;
    const key = endpointKey(attempt.endpoint.providerId, attempt.model);
    const written = this.sessions.remember(request.sessionId, key).catch((error: unknown) => {
      this.logger.warn(`session not recorded: ${String(error)}`);
    });
    let timer: NodeJS.Timeout | undefined;
    const bound = new Promise<void>((resolve) => (timer = setTimeout(resolve, SESSION_WRITE_WAIT_MS)));
    await Promise.race([written, bound]);
    clearTimeout(timer);
  }

  /** Stickiness is an optimisation: a KV outage routes as if the session were new. */
  private async stickyEndpoint(sessionId: string): Promise<string | undefined> {
    return this.sessions.get(sessionId).catch((error: unknown) => {
      this.logger.warn(`session lookup failed, routing without it: ${String(error)}`);
      return undefined;
    });
  }
}
