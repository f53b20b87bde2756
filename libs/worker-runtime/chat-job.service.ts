import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import type { Msg, Subscription } from '@nats-io/transport-node';
import { CatalogStore, type Catalog, type ProviderConfig } from '../catalog';
import {
  ATTEMPT_HEADER,
  errors,
  REPLY_TO_HEADER,
  GatewayError,
  type AttemptAssignment,
  type ChatJob,
  type ChatJobBody,
} from '../contracts';
import { Bus, contextFromHeaders, decodeJson, FrameWriter } from '../messaging';
import { inSpan, markFailed, SpanKind } from '../telemetry';
import type { ProviderAdapter } from '../providers';
import { startTiming, toAttemptEvent } from './attempt-timing';
import { Cancellations } from './cancellations';
import { runAttempt } from './run-attempt';
import { closeUpstreamPool } from './upstream-http';

/** The wire-protocol family this worker process speaks. */
export const PROVIDER_ADAPTER = Symbol('PROVIDER_ADAPTER');

/** How long a stopping worker lets its attempts in flight finish (Kubernetes' grace period is 30 s). */
const SHUTDOWN_GRACE_MS = 25_000;

/**
 * Takes chat jobs for every provider of its family that this process can call (its key is set),
 * one queue group per provider so replicas share the load, and answers each with frames.
 */
@Injectable()
export class ChatJobService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(ChatJobService.name);
  private readonly subscriptions = new Map<string, Subscription>();
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    private readonly bus: Bus,
    private readonly catalogs: CatalogStore,
    private readonly cancellations: Cancellations,
    @Inject(PROVIDER_ADAPTER) private readonly adapter: ProviderAdapter,
  ) {}

  onApplicationBootstrap(): void {
    this.follow(this.catalogs.current);
    this.catalogs.onChange((catalog) => this.follow(catalog));
    this.bus.subscribe(this.bus.subjects.cancelWildcard, undefined, (msg) => this.onCancel(msg));
  }

  /** Serves exactly the providers of its family that the catalog in force has and this process can call. */
  private follow(catalog: Catalog): void {
    const servable = [...catalog.providers.values()].filter(
      (p) => p.family === this.adapter.family && (!p.apiKeyEnv || process.env[p.apiKeyEnv]),
    );
    const wanted = new Set(servable.map((p) => p.id));
    for (const [id, subscription] of this.subscriptions) {
      if (wanted.has(id)) continue;
      subscription.unsubscribe();
      this.subscriptions.delete(id);
    }
    const { providerChat, providerQueue } = this.bus.subjects;
    for (const id of wanted) {
      if (this.subscriptions.has(id)) continue;
      this.subscriptions.set(
        id,
        this.bus.subscribe(providerChat(id), providerQueue(id), (msg) => this.track(this.serve(msg, id))),
      );
    }
    const unset = [...catalog.providers.values()].filter(
      (p) => p.family === this.adapter.family && !wanted.has(p.id),
    );
    for (const p of unset) this.logger.log(`not serving ${p.id}: set ${p.apiKeyEnv} to enable it`);
    this.logger.log(`serving providers: ${[...wanted].join(', ') || '(none)'}`);
  }

  /**
   * Stops taking jobs (the replicas still running take them), lets the attempts in flight finish
   * so that no accepted request loses its answer, then closes the upstream connections. The NATS
   * connection drains after this.
   */
  async beforeApplicationShutdown(): Promise<void> {
    await Promise.all([...this.subscriptions.values()].map((subscription) => subscription.drain()));
    this.subscriptions.clear();
    if (this.inFlight.size > 0) {
      this.logger.log(`stopping: letting ${this.inFlight.size} attempt(s) in flight finish`);
      let timer: NodeJS.Timeout | undefined;
      const grace = new Promise((resolve) => (timer = setTimeout(resolve, SHUTDOWN_GRACE_MS)));
      await Promise.race([Promise.allSettled([...this.inFlight]), grace]);
      clearTimeout(timer);
    }
    await closeUpstreamPool();
  }

  private track(attempt: Promise<void>): void {
    this.inFlight.add(attempt);
    attempt
      .catch((error: unknown) => this.logger.error(`attempt failed unanswered: ${String(error)}`))
      .finally(() => this.inFlight.delete(attempt));
  }

  private async serve(msg: Msg, providerId: string): Promise<void> {
    const replyTo = msg.headers?.get(REPLY_TO_HEADER) || msg.reply;
    if (!replyTo) return;
    // Read at each job: a catalog push may have changed the provider's URL, headers or key variable.
    const provider = this.catalogs.current.provider(providerId);
    if (!provider) {
      const gone = `Provider ${providerId} is no longer in the catalog.`;
      new FrameWriter(this.bus.nc, replyTo).error(
        new GatewayError({ status: 503, message: gone, retryable: true }).toWire(),
      );
      return;
    }
    const job = readJob(msg);
    if (!job) {
      new FrameWriter(this.bus.nc, replyTo).error(
        errors.internal('The worker received a job it could not read.').toWire(),
      );
      return;
    }
    const apiKey = provider.apiKeyEnv ? process.env[provider.apiKeyEnv] : undefined;
    const controller = this.cancellations.register(job.generationId, job.attempt);
    const deadline = setTimeout(() => controller.abort(new DeadlineExceeded()), job.deadline - Date.now());
    const attributes = { 'switchyard.generation_id': job.generationId, 'switchyard.attempt': job.attempt };
    const parent = contextFromHeaders(msg.headers);
    const timing = startTiming(Date.now());
    let failure: GatewayError | undefined;
    // The attempt's event goes out with its last frame. Core NATS: cheap, and health tolerates a lost one.
    const writer = new FrameWriter(this.bus.nc, replyTo, () =>
      this.bus.publish(this.bus.subjects.attemptEvent, toAttemptEvent(job, timing, Date.now(), failure)),
    );
    try {
      await inSpan(`chat ${provider.id}`, { kind: SpanKind.SERVER, attributes, parent }, (span) =>
        runAttempt({
          job,
          adapter: this.adapter,
          provider,
          apiKey,
          writer,
          signal: controller.signal,
          timing,
        }).catch((error: unknown) => {
          failure = this.classify(error, controller.signal, provider);
          markFailed(span, failure.message);
          writer.error(failure.toWire());
        }),
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
    let attempt: number | undefined;
    try {
      if (msg.data.length > 0) attempt = decodeJson<{ attempt?: number }>(msg.data).attempt;
    } catch {
      // An unreadable cancel still names the generation: cancel all of its attempts.
    }
    this.cancellations.cancel(generationId, attempt);
  }
}

/** The job's body and its assignment header, with a preset variant's parameters applied; null if unreadable. */
function readJob(msg: Msg): ChatJob | null {
  try {
    const job: ChatJob = {
      ...decodeJson<ChatJobBody>(msg.data),
      ...(JSON.parse(msg.headers?.get(ATTEMPT_HEADER) || '{}') as AttemptAssignment),
    };
    // A preset variant's parameters (validated with the catalog) override the client's.
    if (job.parameters) job.request = { ...job.request, ...job.parameters };
    return job;
  } catch {
    return null;
  }
}

class DeadlineExceeded extends Error {}
