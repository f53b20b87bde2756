import {
  Injectable,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
  type Provider,
} from '@nestjs/common';
import { parseEnv, sharedEnvSchema } from '../../../libs/config/env';
import { Bus, ensureEventsStream, EventPublisher } from '../../../libs/messaging';

export const eventPublisherProvider: Provider = {
  provide: EventPublisher,
  useFactory: () => EventPublisher.connect(parseEnv(sharedEnvSchema).NATS_URL, 'ingress-events'),
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
