import { collectDefaultMetrics, Counter, Registry } from 'prom-client';
import type { ReadinessCheck } from './readiness';

/**
 * Histogram buckets, in seconds. The gateway's own overhead is usually under a millisecond, so its
 * buckets resolve tenths of one; request latencies reach a minute.
 */
export const OVERHEAD_BUCKETS_S = [0.0001, 0.00025, 0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.5];
export const LATENCY_BUCKETS_S = [
  0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120,
];

/**
 * One service's Prometheus registry (every series labelled `service`, with Node's process metrics)
 * and what its readiness depends on. Metrics are counted where things happen, in O(1); gauges
 * whose value lives elsewhere (circuits, consumer lag) are read at scrape, never per request.
 */
export class ServiceMetrics {
  readonly registry = new Registry();
  private readonly checks: ReadinessCheck[] = [];
  readonly natsReconnects: Counter;

  constructor(readonly service: string) {
    this.registry.setDefaultLabels({ service });
    collectDefaultMetrics({ register: this.registry, prefix: 'switchyard_' });
    this.natsReconnects = new Counter({
      name: 'switchyard_nats_reconnects_total',
      help: 'Reconnections to NATS after a lost connection.',
      registers: [this.registry],
    });
  }

  addReadinessCheck(check: ReadinessCheck): void {
    this.checks.push(check);
  }

  get readinessChecks(): readonly ReadinessCheck[] {
    return this.checks;
  }
}
