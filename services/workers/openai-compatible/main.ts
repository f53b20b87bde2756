import { NestFactory } from '@nestjs/core';
import { serviceLogger, startService } from '../../../libs/runtime/start-service';
import { WorkerModule } from './worker.module';

void startService('worker-openai-compatible', () =>
  NestFactory.createApplicationContext(WorkerModule, { logger: serviceLogger(), abortOnError: false }),
);
