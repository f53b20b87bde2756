import { Injectable } from '@nestjs/common';
import { Counter, Gauge, Histogram } from 'prom-client';
import type { GenerationEvent } from '../../../libs/contracts';
import { EventPublisher } from '../../../libs/messaging';
import { LATENCY_BUCKETS_S, OVERHEAD_BUCKETS_S, ServiceMetrics } from '../../../libs/observability';

/**
 * What ingress counts, from the generation event it builds for every answered request anyway: O(1)
 * per request, off the answer's path (the answer has ended). Admission refusals are counted where
 * they are decided. Labels stay bounded: the route, the catalog's models and providers, a status.
 */
@Injectable()
export class IngressMetrics {
  private readonly requests: Counter<'route' | 'status' | 'model' | 'provider'>;
  private readonly duration: Histogram<'route' | 'streamed'>;
  private readonly overhead: Histogram;
  private readonly firstByte: Histogram<'streamed'>;
  private readonly tokens: Counter<'direction' | 'model'>;
  private readonly cost: Counter<'model' | 'provider'>;
  private readonly attempts: Counter<'provider' | 'outcome'>;
  private readonly fallbacks: Counter;
  private readonly refusals: Counter<'status'>;

  constructor(metrics: ServiceMetrics, events: EventPublisher) {
    const registers = [metrics.registry];
    this.requests = new Counter({
      name: 'switchyard_requests_total',
      help: 'Answered inference requests by route, HTTP status, model and serving provider.',
      labelNames: ['route', 'status', 'model', 'provider'],
      registers,
    });
    this.duration = new Histogram({
      name: 'switchyard_request_duration_seconds',
      help: 'From receipt to the last byte of the answer.',
      labelNames: ['route', 'streamed'],
      buckets: LATENCY_BUCKETS_S,
      registers,
    });
    this.overhead = new Histogram({
      name: 'switchyard_gateway_overhead_seconds',
      help: "What the gateway added to a served request: its whole time less the provider's.",
      buckets: OVERHEAD_BUCKETS_S,
      registers,
    });
    this.firstByte = new Histogram({
      name: 'switchyard_time_to_first_byte_seconds',
      help: "From receipt to the answer's first byte (a stream's first token).",
      labelNames: ['streamed'],
      buckets: LATENCY_BUCKETS_S,
      registers,
    });
    this.tokens = new Counter({
      name: 'switchyard_tokens_total',
      help: 'Tokens of answered requests, prompt and completion.',
      labelNames: ['direction', 'model'],
      registers,
    });
    this.cost = new Counter({
      name: 'switchyard_cost_usd_total',
      help: "USD charged to keys, on the gateway's credentials.",
      labelNames: ['model', 'provider'],
      registers,
    });
    this.attempts = new Counter({
      name: 'switchyard_attempts_total',
      help: 'Attempts at endpoints, by outcome.',
      labelNames: ['provider', 'outcome'],
      registers,
    });
    this.fallbacks = new Counter({
      name: 'switchyard_fallbacks_total',
      help: 'Attempts after the first of a request: fallbacks to other endpoints, models or retry rounds.',
      registers,
    });
    this.refusals = new Counter({
      name: 'switchyard_admission_refusals_total',
      help: "Requests refused before routing by the key's limits: 402 (spend), 403 (used up), 429 (rate).",
      labelNames: ['status'],
      registers,
    });
    new Gauge({
      name: 'switchyard_event_publish_backlog',
      help: 'Generation event batches published and not yet stored by JetStream (retried until they are).',
      registers,
      collect() {
        this.set(events.inFlight);
      },
    });
  }

  /** One answered request, from its generation event; `route` is the API path it came on. */
  observe(route: string, event: GenerationEvent): void {
    const status = String(event.status === 'success' ? 200 : (event.errorCode ?? 500));
    const provider = event.providerId ?? 'none';
    const streamed = String(event.streamed);
    this.requests.inc({ route, status, model: event.model, provider });
    this.duration.observe({ route, streamed }, event.generationTimeMs / 1000);
    if (event.gatewayOverheadMs !== null) this.overhead.observe(event.gatewayOverheadMs / 1000);
    if (event.latencyMs !== null) this.firstByte.observe({ streamed }, event.latencyMs / 1000);
    this.tokens.inc({ direction: 'prompt', model: event.model }, event.tokensPrompt);
    this.tokens.inc({ direction: 'completion', model: event.model }, event.tokensCompletion);
    if (event.totalCost > 0) this.cost.inc({ model: event.model, provider }, event.totalCost);
    for (const attempt of event.attempts) {
      this.attempts.inc({
        provider: attempt.providerId,
        outcome: attempt.error === undefined ? 'ok' : 'failed',
      });
    }
    if (event.attempts.length > 1) this.fallbacks.inc(event.attempts.length - 1);
  }

  refused(status: number): void {
    this.refusals.inc({ status: String(status) });
  }
}
