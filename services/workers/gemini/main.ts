import { NestFactory } from '@nestjs/core';
import { geminiAdapter } from '../../../libs/providers';
import { serviceLogger, startService } from '../../../libs/runtime/start-service';
import { WorkerModule } from '../../../libs/worker-runtime';

void startService('worker-gemini', () =>
  NestFactory.createApplicationContext(WorkerModule.forFamily(geminiAdapter), {
    logger: serviceLogger(),
    abortOnError: false,
  }),
);
