import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Msg } from '@nats-io/transport-node';
import { Bus, readAttemptEvents } from '../../../libs/messaging';
import type { AttemptEvent } from '../../../libs/contracts';
import type { EndpointHealth, HealthView } from '../../../libs/routing';
import { ServiceMetrics } from '../../../libs/observability';
import { inSpan, linksTo, natsAttributes, SpanKind } from '../../../libs/telemetry';
import { Gauge } from 'prom-client';
import { HealthBook, type EndpointReport } from './health-book';

const CIRCUIT_VALUE = { closed: 0, 'half-open': 1, open: 2 } as const;

/** How often the whole table goes out, news or not: a new ingress has it within this long. */
export const TABLE_INTERVAL_MS = 1000;

/**
 * The router's live view of endpoint health, learnt from every attempt event, and published as the
 * health table that every ingress plans with (see HealthTableView). No queue group: every router
 * replica hears every event, so each keeps, and publishes, the whole picture. A circuit that opens
 * or closes is published at once, not at the next interval.
 */
@Injectable()
export class HealthTracker implements HealthView, OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(HealthTracker.name);
  private readonly book = new HealthBook();
  private interval?: NodeJS.Timeout;
  private publishSoon = false;
  private subscribed = false;

  constructor(
    private readonly bus: Bus,
    metrics: ServiceMetrics,
  ) {
    const book = this.book;
    // Read at scrape from the table the router publishes anyway: nothing per attempt.
    new Gauge({
      name: 'switchyard_circuit_state',
      help: "Each endpoint's circuit breaker: 0 closed, 1 half-open (probing), 2 open.",
      labelNames: ['provider', 'model'],
      registers: [metrics.registry],
      collect() {
        this.reset();
        for (const row of book.table().rows) {
          this.set({ provider: row.providerId, model: row.model }, CIRCUIT_VALUE[row.circuit]);
        }
      },
    });
    metrics.addReadinessCheck({ name: 'attempt subscription', check: () => this.subscribed });
  }

  onApplicationBootstrap(): void {
    this.bus.subscribe(this.bus.subjects.attemptEvent, undefined, (msg) => this.onAttempts(msg));
    this.subscribed = true;
    this.interval = setInterval(() => this.publish(), TABLE_INTERVAL_MS);
    this.publish();
    this.logger.log(`publishing health on ${this.bus.subjects.healthTable} every ${TABLE_INTERVAL_MS} ms`);
  }

  onApplicationShutdown(): void {
    clearInterval(this.interval);
  }

  get(providerId: string, model: string): EndpointHealth | undefined {
    return this.book.get(providerId, model);
  }

  report(providerId: string, model: string): EndpointReport | undefined {
    return this.book.report(providerId, model);
  }

  private onAttempts(msg: Msg): void {
    let events;
    try {
      events = readAttemptEvents(msg.string());
    } catch (error) {
      this.logger.warn(`unreadable attempt event on ${msg.subject}: ${String(error)}`);
      return;
    }
    const links = linksTo(events.map((event) => event.traceparent));
    if (links.length === 0) return this.record(events);
    // One batch of outcomes belongs to many requests' traces: its span links to each.
    const attributes = {
      ...natsAttributes(msg.subject, 'process'),
      'switchyard.attempts': events.length,
    };
    void inSpan('record attempt outcomes', { kind: SpanKind.CONSUMER, attributes, links }, async () =>
      this.record(events),
    );
  }

  private record(events: AttemptEvent[]): void {
    let changed = false;
    try {
      for (const event of events) changed = this.book.record(event) || changed;
    } catch (error) {
      this.logger.warn(`unusable attempt event: ${String(error)}`);
    }
    if (changed && !this.publishSoon) {
      this.publishSoon = true;
      setImmediate(() => this.publish());
    }
  }

  private publish(): void {
    this.publishSoon = false;
    this.bus.publish(this.bus.subjects.healthTable, this.book.table());
  }
}
