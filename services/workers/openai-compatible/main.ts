import { NestFactory } from '@nestjs/core';
import { openAiCompatibleAdapter } from '../../../libs/providers';
import { serviceLogger, startService } from '../../../libs/runtime/start-service';
import { WorkerModule } from '../../../libs/worker-runtime';

void startService('worker-openai-compatible', () =>
  NestFactory.createApplicationContext(WorkerModule.forFamily(openAiCompatibleAdapter), {
    logger: serviceLogger(),
    abortOnError: false,
  }),
);
