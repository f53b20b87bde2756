import { Global, Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import { stopTelemetry } from './start-telemetry';

@Injectable()
class TelemetryShutdown implements OnApplicationShutdown {
  async onApplicationShutdown(): Promise<void> {
    await stopTelemetry();
  }
}

/** Flushes buffered spans when the service stops (tracing itself starts before Nest, in startService). */
@Global()
@Module({ providers: [TelemetryShutdown] })
export class TelemetryModule {}
