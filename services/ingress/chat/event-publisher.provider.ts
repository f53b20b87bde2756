import {
  Injectable,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
  type Provider,
} from '@nestjs/common';
import { Bus, ensureEventsStream, EventPublisher } from '../../../libs/messaging';
import { INGRESS_ENV, type IngressEnv } from '../config';

/** When answers do not wait for their records (SWITCHYARD_RECORD_WAIT_MS=0), records leave in 20 ms batches. */
const UNAWAITED_LINGER_MS = 20;

export const eventPublisherProvider: Provider = {
  provide: EventPublisher,
  inject: [INGRESS_ENV],
  useFactory: (env: IngressEnv) =>
    EventPublisher.connect(
      env.NATS_URL,
      'ingress-events',
      env.SWITCHYARD_RECORD_WAIT_MS === 0 ? UNAWAITED_LINGER_MS : 0,
    ),
};

/**
 * The events stream exists before the first request is served (so events are kept even when
 * metrics has never run). Pending events are flushed once the HTTP server has closed, so the
 * requests that finished while it closed are recorded too.
 */
@Injectable()
export class EventStreamLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    private readonly bus: Bus,
    private readonly events: EventPublisher,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await ensureEventsStream(this.bus.nc, this.bus.subjects);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.events.close();
  }
}
