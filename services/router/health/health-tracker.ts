import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { Msg } from '@nats-io/transport-node';
import { Bus, readAttemptEvents } from '../../../libs/messaging';
import type { EndpointHealth, HealthView } from './endpoint-health';
import { HealthBook, type EndpointReport } from './health-book';

/**
 * The router's live view of endpoint health, learnt from every attempt event. No queue group:
 * every router replica hears every event, so each keeps the whole picture.
 */
@Injectable()
export class HealthTracker implements HealthView, OnApplicationBootstrap {
  private readonly logger = new Logger(HealthTracker.name);
  private readonly book = new HealthBook();

  constructor(private readonly bus: Bus) {}

  onApplicationBootstrap(): void {
    this.bus.subscribe(this.bus.subjects.attemptEvent, undefined, (msg) => this.onAttempt(msg));
  }

  get(providerId: string, model: string): EndpointHealth | undefined {
    return this.book.get(providerId, model);
  }

  report(providerId: string, model: string): EndpointReport | undefined {
    return this.book.report(providerId, model);
  }

  private onAttempt(msg: Msg): void {
    try {
      for (const event of readAttemptEvents(msg.string())) this.book.record(event);
    } catch (error) {
      this.logger.warn(`unreadable attempt event on ${msg.subject}: ${String(error)}`);
    }
  }
}
