import { NestFactory } from '@nestjs/core';
import { serviceLogger, startService } from '../../libs/runtime/start-service';
import { RouterModule } from './router.module';

void startService('router', () =>
  NestFactory.createApplicationContext(RouterModule, { logger: serviceLogger(), abortOnError: false }),
);
