import { NestFactory } from '@nestjs/core';
import { serviceLogger, startService } from '../../libs/runtime/start-service';
import { MetricsModule } from './metrics.module';

async function main(): Promise<void> {
  await startService('metrics', () =>
    NestFactory.createApplicationContext(MetricsModule, { logger: serviceLogger(), abortOnError: false }),
  );
  console.log('metrics ready');
}

void main();
