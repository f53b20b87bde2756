import { Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { CatalogModule } from '../../libs/catalog';
import { parseEnv } from '../../libs/config/env';
import { MessagingModule } from '../../libs/messaging';
import { ApiKeyGuard } from './auth/api-key.guard';
import { ApiKeysService } from './auth/api-keys.service';
import { AttemptRunner } from './chat/attempt-runner';
import { ChatCompletionsController } from './chat/chat-completions.controller';
import { ChatCompletionsService } from './chat/chat-completions.service';
import { eventPublisherProvider, EventStreamLifecycle } from './chat/event-publisher.provider';
import { INGRESS_ENV, ingressEnvSchema } from './config';
import { GatewayExceptionFilter } from './errors/gateway-exception.filter';
import { GenerationController } from './generations/generation.controller';
import { HealthController } from './health/health.controller';
import { MessagesController } from './messages/messages.controller';
import { EndpointsController } from './models/endpoints.controller';
import { ModelsController } from './models/models.controller';
import { PresetReportController } from './presets/preset-report.controller';

@Module({
  imports: [MessagingModule.forRoot('ingress'), CatalogModule],
  controllers: [
    ChatCompletionsController,
    MessagesController,
    ModelsController,
    EndpointsController,
    GenerationController,
    PresetReportController,
    HealthController,
  ],
  providers: [
    { provide: INGRESS_ENV, useFactory: () => parseEnv(ingressEnvSchema) },
    { provide: APP_GUARD, useClass: ApiKeyGuard },
    { provide: APP_FILTER, useClass: GatewayExceptionFilter },
    ApiKeysService,
    AttemptRunner,
    ChatCompletionsService,
    eventPublisherProvider,
    EventStreamLifecycle,
  ],
})
export class IngressModule {}
