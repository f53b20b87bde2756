import {
  Injectable,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
  type Provider,
} from '@nestjs/common';
import { Bus, ensureEventsStream, EventPublisher } from '../../../libs/messaging';

export const eventPublisherProvider: Provider = {
  provide: EventPublisher,
  useFactory: (bus: Bus) => new EventPublisher(bus.nc),
  inject: [Bus],
};

/**
 * The events stream exists before the first request is served (so events are kept even when
 * metrics has never run), and pending events are flushed before the connection drains.
 */
@Injectable()
export class EventStreamLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown {
  constructor(
    private readonly bus: Bus,
    private readonly events: EventPublisher,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await ensureEventsStream(this.bus.nc, this.bus.subjects);
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.events.flush();
  }
}
