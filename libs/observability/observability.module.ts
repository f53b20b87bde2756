import {
  Global,
  Inject,
  Injectable,
  Logger,
  Module,
  type DynamicModule,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import type { Server } from 'node:http';
import { z } from 'zod';
import { parseEnv } from '../config/env';
import { Bus } from '../messaging';
import { listenerPort, startMetricsListener } from './metrics-listener';
import { ServiceMetrics } from './service-metrics';

/**
 * Where each service without an HTTP API serves /metrics and /health/* unless METRICS_PORT says
 * otherwise: fixed, so that services of one box (npm start, docker-compose) never collide.
 */
export const DEFAULT_METRICS_PORTS: Record<string, number> = {
  router: 9101,
  metrics: 9102,
  'worker-openai-compatible': 9103,
  'worker-anthropic': 9104,
  'worker-gemini': 9105,
};

const listenerEnvSchema = z.object({
  METRICS_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  METRICS_HOST: z.string().default('0.0.0.0'),
});

const OPTIONS = Symbol('observability options');

interface ObservabilityOptions {
  service: string;
  /** Serve /metrics and /health/* on a listener of their own (ingress serves them on its API port). */
  listen: boolean;
}

@Injectable()
class ObservabilityLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Observability');
  private server?: Server;

  constructor(
    private readonly metrics: ServiceMetrics,
    private readonly bus: Bus,
    @Inject(OPTIONS) private readonly options: ObservabilityOptions,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.metrics.addReadinessCheck({ name: 'nats', check: () => this.bus.connected });
    this.bus.onReconnect(() => this.metrics.natsReconnects.inc());
    if (!this.options.listen) return;
    const env = parseEnv(listenerEnvSchema);
    const port = env.METRICS_PORT ?? DEFAULT_METRICS_PORTS[this.options.service] ?? 0;
    this.server = await startMetricsListener(this.metrics, port, env.METRICS_HOST);
    this.logger.log(`metrics and health on http://${env.METRICS_HOST}:${listenerPort(this.server)}`);
  }

  async onApplicationShutdown(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

/** A service's Prometheus metrics and health checks (see ServiceMetrics), for every provider to add to. */
@Global()
@Module({})
export class ObservabilityModule {
  static forService(service: string, { listen }: { listen: boolean }): DynamicModule {
    return {
      module: ObservabilityModule,
      providers: [
        { provide: OPTIONS, useValue: { service, listen } },
        // One registry per application: a process that starts the service again (tests) starts afresh.
        { provide: ServiceMetrics, useFactory: () => new ServiceMetrics(service) },
        ObservabilityLifecycle,
      ],
      exports: [ServiceMetrics],
    };
  }
}
