import { NestFactory } from '@nestjs/core';
import { anthropicAdapter } from '../../../libs/providers';
import { serviceLogger, startService } from '../../../libs/runtime/start-service';
import { WorkerModule } from '../../../libs/worker-runtime';

void startService('worker-anthropic', () =>
  NestFactory.createApplicationContext(WorkerModule.forFamily(anthropicAdapter), {
    logger: serviceLogger(),
    abortOnError: false,
  }),
);
