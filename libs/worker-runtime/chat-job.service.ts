import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import type { Msg } from '@nats-io/transport-node';
import { Catalog, type ProviderConfig } from '../catalog';
import {
  ATTEMPT_HEADER,
  errors,
  GatewayError,
  type AttemptAssignment,
  type ChatJob,
  type ChatJobBody,
} from '../contracts';
import { Bus, contextFromHeaders, decodeJson, FrameWriter } from '../messaging';
import { inSpan, markFailed, SpanKind } from '../telemetry';
import type { ProviderAdapter } from '../providers';
import { Cancellations } from './cancellations';
import { runAttempt } from './run-attempt';
import { closeUpstreamPool } from './upstream-http';

/** The wire-protocol family this worker process speaks. */
export const PROVIDER_ADAPTER = Symbol('PROVIDER_ADAPTER');

/**
 * Takes chat jobs for every provider of its family that this process can call (its key is set),
 * one queue group per provider so replicas share the load, and answers each with frames.
 */
@Injectable()
export class ChatJobService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(ChatJobService.name);

  constructor(
    private readonly bus: Bus,
    private readonly catalog: Catalog,
    private readonly cancellations: Cancellations,
    @Inject(PROVIDER_ADAPTER) private readonly adapter: ProviderAdapter,
  ) {}

  onApplicationBootstrap(): void {
    const served: string[] = [];
    for (const provider of this.catalog.providers.values()) {
      if (provider.family !== this.adapter.family) continue;
      const apiKey = provider.apiKeyEnv ? process.env[provider.apiKeyEnv] : undefined;
      if (provider.apiKeyEnv && !apiKey) {
        this.logger.log(`not serving ${provider.id}: set ${provider.apiKeyEnv} to enable it`);
        continue;
      }
      const { providerChat, providerQueue } = this.bus.subjects;
      this.bus.subscribe(providerChat(provider.id), providerQueue(provider.id), (msg) => {
        void this.serve(msg, provider, apiKey);
      });
      served.push(provider.id);
    }
    this.bus.subscribe(this.bus.subjects.cancelWildcard, undefined, (msg) => this.onCancel(msg));
    this.logger.log(`serving providers: ${served.join(', ') || '(none)'}`);
  }

  async beforeApplicationShutdown(): Promise<void> {
    await closeUpstreamPool();
  }

  private async serve(msg: Msg, provider: ProviderConfig, apiKey: string | undefined): Promise<void> {
    if (!msg.reply) return;
    const job: ChatJob = {
      ...decodeJson<ChatJobBody>(msg.data),
      ...(JSON.parse(msg.headers?.get(ATTEMPT_HEADER) || '{}') as AttemptAssignment),
    };
    const writer = new FrameWriter(this.bus.nc, msg.reply);
    const controller = this.cancellations.register(job.generationId, job.attempt);
    const deadline = setTimeout(() => controller.abort(new DeadlineExceeded()), job.deadline - Date.now());
    const attributes = { 'switchyard.generation_id': job.generationId, 'switchyard.attempt': job.attempt };
    const parent = contextFromHeaders(msg.headers);
    try {
      await inSpan(`chat ${provider.id}`, { kind: SpanKind.SERVER, attributes, parent }, (span) =>
        runAttempt({ job, adapter: this.adapter, provider, apiKey, writer, signal: controller.signal }).catch(
          (error: unknown) => {
            const failure = this.classify(error, controller.signal, provider);
            markFailed(span, failure.message);
            writer.error(failure.toWire());
          },
        ),
      );
    } finally {
      clearTimeout(deadline);
      this.cancellations.release(job.generationId, job.attempt);
    }
  }

  private classify(error: unknown, signal: AbortSignal, provider: ProviderConfig): GatewayError {
    if (error instanceof GatewayError) return error;
    if (signal.aborted) {
      return signal.reason instanceof DeadlineExceeded
        ? errors.timeout(`${provider.name} did not finish before the request's deadline.`, {
            provider_name: provider.name,
          })
        : errors.cancelled();
    }
    return this.adapter.networkError(error, provider);
  }

  private onCancel(msg: Msg): void {
    const generationId = msg.subject.slice(msg.subject.lastIndexOf('.') + 1);
    const { attempt } = msg.data.length > 0 ? decodeJson<{ attempt?: number }>(msg.data) : {};
    this.cancellations.cancel(generationId, attempt);
  }
}

class DeadlineExceeded extends Error {}
