import { Global, Injectable, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { parseEnv, sharedEnvSchema } from '../config/env';
import { TelemetryModule } from '../telemetry/telemetry.module';
import { Bus } from './bus';

@Injectable()
class BusShutdown implements OnApplicationShutdown {
  constructor(private readonly bus: Bus) {}

  async onApplicationShutdown(): Promise<void> {
    await this.bus.drain();
  }
}

/** Gives every provider of a service the one Bus, connected at start and drained at shutdown. */
@Global()
@Module({})
export class MessagingModule {
  static forRoot(serviceName: string): DynamicModule {
    return {
      module: MessagingModule,
      // Every service that talks on the bus flushes its spans when it stops.
      imports: [TelemetryModule],
      providers: [
        {
          provide: Bus,
          useFactory: () => {
            const env = parseEnv(sharedEnvSchema);
            return Bus.connect({ url: env.NATS_URL, namespace: env.SWITCHYARD_NAMESPACE, name: serviceName });
          },
        },
        BusShutdown,
      ],
      exports: [Bus],
    };
  }
}
