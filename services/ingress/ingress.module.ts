import { Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { CatalogModule } from '../../libs/catalog';
import { parseEnv } from '../../libs/config/env';
import { MessagingModule } from '../../libs/messaging';
import { ObservabilityModule } from '../../libs/observability';
import { ApiKeyGuard } from './auth/api-key.guard';
import { AdmissionService } from './admission/admission.service';
import { KeyLedger } from './admission/key-ledger';
import { KeyDirectory } from './auth/key-directory';
import { AttemptRunner } from './chat/attempt-runner';
import { RoutePlanner } from './chat/route-planner';
import { ChatCompletionsController } from './chat/chat-completions.controller';
import { ChatCompletionsService } from './chat/chat-completions.service';
import { IngressMetrics } from './chat/ingress-metrics';
import { CompletionsController } from './completions/completions.controller';
import { EmbeddingsController } from './embeddings/embeddings.controller';
import { eventPublisherProvider, EventStreamLifecycle } from './chat/event-publisher.provider';
import { INGRESS_ENV, ingressEnvSchema } from './config';
import { GatewayExceptionFilter } from './errors/gateway-exception.filter';
import { KeyController } from './accounts/key.controller';
import { KeysController } from './accounts/keys.controller';
import { GenerationController } from './generations/generation.controller';
import { HealthController } from './health/health.controller';
import { MessagesController } from './messages/messages.controller';
import { EndpointsController } from './models/endpoints.controller';
import { ModelsController } from './models/models.controller';
import { ProvidersController } from './models/providers.controller';
import { PresetReportController } from './presets/preset-report.controller';
import { ResponsesController } from './responses/responses.controller';

@Module({
  imports: [
    MessagingModule.forRoot('ingress'),
    // Ingress serves /metrics and /health/* on its own API port.
    ObservabilityModule.forService('ingress', { listen: false }),
    CatalogModule,
  ],
  controllers: [
    ChatCompletionsController,
    CompletionsController,
    EmbeddingsController,
    MessagesController,
    ResponsesController,
    ModelsController,
    ProvidersController,
    EndpointsController,
    GenerationController,
    PresetReportController,
    HealthController,
    KeysController,
    KeyController,
  ],
  providers: [
    { provide: INGRESS_ENV, useFactory: () => parseEnv(ingressEnvSchema) },
    { provide: APP_GUARD, useClass: ApiKeyGuard },
    { provide: APP_FILTER, useClass: GatewayExceptionFilter },
    KeyDirectory,
    KeyLedger,
    AdmissionService,
    AttemptRunner,
    RoutePlanner,
    ChatCompletionsService,
    IngressMetrics,
    eventPublisherProvider,
    EventStreamLifecycle,
  ],
})
export class IngressModule {}
