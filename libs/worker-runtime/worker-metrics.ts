import { Counter, Histogram } from 'prom-client';
import type { AttemptEvent } from '../contracts';
import { LATENCY_BUCKETS_S, type ServiceMetrics } from '../observability';

/** What a worker counts: each upstream attempt as it ends, from the event it reports anyway. */
export class WorkerMetrics {
  private readonly attempts: Counter<'provider' | 'status'>;
  private readonly firstToken: Histogram<'provider'>;

  constructor(metrics: ServiceMetrics) {
    this.attempts = new Counter({
      name: 'switchyard_upstream_attempts_total',
      help: 'Calls to providers by HTTP status (the gateway’s own for network errors and timeouts).',
      labelNames: ['provider', 'status'],
      registers: [metrics.registry],
    });
    this.firstToken = new Histogram({
      name: 'switchyard_upstream_time_to_first_token_seconds',
      help: 'From sending the request to the provider to its first token.',
      labelNames: ['provider'],
      buckets: LATENCY_BUCKETS_S,
      registers: [metrics.registry],
    });
  }

  observe(event: AttemptEvent): void {
    this.attempts.inc({ provider: event.providerId, status: String(event.status) });
    if (event.firstTokenMs !== null)
      this.firstToken.observe({ provider: event.providerId }, event.firstTokenMs / 1000);
  }
}
