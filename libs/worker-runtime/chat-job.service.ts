import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import type { Msg, Subscription } from '@nats-io/transport-node';
import { CredentialCipher } from '../accounts';
import { CatalogStore, type Catalog, type ProviderConfig } from '../catalog';
import {
  ATTEMPT_HEADER,
  DEFAULT_PATIENCE,
  errors,
  GatewayError,
  type AttemptAssignment,
  type AttemptSummary,
  type ChatJob,
  type ChatJobBody,
  type ProviderPatience,
  type StoredJobBody,
} from '../contracts';
import { Bus, contextFromHeaders, decodeJson, FrameWriter, isStoredJobBody } from '../messaging';
import { inSpan, markFailed, natsAttributes, SpanKind } from '../telemetry';
import type { ProviderAdapter } from '../providers';
import { startTiming, toAttemptEvent, type AttemptTiming } from './attempt-timing';
import { ProviderTooSlow, watchVerdict, WATCH_TICK_MS } from './attempt-watch';
import { Cancellations } from './cancellations';
import { credentialUnusable, ownKeyFailure, summaryBilledToOwnKey } from './own-key-billing';
import { runAttempt, type Credential } from './run-attempt';
import { closeUpstreamPool } from './upstream-http';
import { clampOutputLimit } from './clamp-output-limit';
import { WorkerMetrics } from './worker-metrics';
import { genAiRequestAttributes, genAiResponseAttributes } from './gen-ai-attributes';
import { ServiceMetrics } from '../observability';

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
  private readonly metrics: WorkerMetrics;
  private readonly inFlight = new Set<Promise<void>>();
  /** The attempts in flight as the watch sees them: beats to send, slow providers to give up on. */
  private readonly watched = new Map<FrameWriter, WatchedAttempt>();
  private watch?: NodeJS.Timeout;
  /** Opens the key's own credentials (BYOK) that jobs carry sealed; null without SWITCHYARD_ENCRYPTION_KEY. */
  private readonly cipher = process.env.SWITCHYARD_ENCRYPTION_KEY
    ? CredentialCipher.fromSecret(process.env.SWITCHYARD_ENCRYPTION_KEY)
    : null;

  constructor(
    private readonly bus: Bus,
    private readonly catalogs: CatalogStore,
    private readonly cancellations: Cancellations,
    @Inject(PROVIDER_ADAPTER) private readonly adapter: ProviderAdapter,
    metrics: ServiceMetrics,
  ) {
    this.metrics = new WorkerMetrics(metrics);
    metrics.addReadinessCheck({ name: 'job subscriptions', check: () => this.subscriptions.size > 0 });
  }

  onApplicationBootstrap(): void {
    this.watch = setInterval(() => this.watchAttempts(Date.now()), WATCH_TICK_MS).unref();
    this.follow(this.catalogs.current);
    this.catalogs.onChange((catalog) => this.follow(catalog));
    this.bus.subscribe(this.bus.subjects.cancelWildcard, undefined, (msg) => this.onCancel(msg));
  }

  /**
   * Serves exactly the providers of its family that the catalog in force has: with the gateway's
   * own key, those whose key is set; with a key's own credential (BYOK), all of them.
   */
  private follow(catalog: Catalog): void {
    const family = [...catalog.providers.values()].filter((p) => p.family === this.adapter.family);
    const { providerChat, providerByokChat, providerQueue } = this.bus.subjects;
    const wanted = new Map<string, { providerId: string; byok: boolean }>();
    for (const p of family) {
      if (!p.apiKeyEnv || process.env[p.apiKeyEnv])
        wanted.set(providerChat(p.id), { providerId: p.id, byok: false });
      wanted.set(providerByokChat(p.id), { providerId: p.id, byok: true });
    }
    for (const [subject, subscription] of this.subscriptions) {
      if (wanted.has(subject)) continue;
      subscription.unsubscribe();
      this.subscriptions.delete(subject);
    }
    for (const [subject, { providerId, byok }] of wanted) {
      if (this.subscriptions.has(subject)) continue;
      this.subscriptions.set(
        subject,
        this.bus.subscribe(subject, providerQueue(providerId), (msg) =>
          this.track(this.serve(msg, providerId, byok)),
        ),
      );
    }
    const served = family.filter((p) => wanted.has(providerChat(p.id)));
    for (const p of family)
      if (!served.includes(p)) this.logger.log(`not serving ${p.id}: set ${p.apiKeyEnv} to enable it`);
    this.logger.log(`serving providers: ${served.map((p) => p.id).join(', ') || '(none)'}`);
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
    clearInterval(this.watch);
    await closeUpstreamPool();
  }

  private watchAttempts(now: number): void {
    for (const [writer, { timing, patience, controller }] of this.watched) {
      const verdict = watchVerdict(timing, writer.lastSentAt, patience, now);
      if (verdict === 'beat') writer.beat();
      else if (verdict === 'first-token-timeout')
        controller.abort(new ProviderTooSlow(verdict, patience.firstTokenMs));
      else if (verdict === 'idle-timeout') controller.abort(new ProviderTooSlow(verdict, patience.idleMs));
    }
  }

  private track(attempt: Promise<void>): void {
    this.inFlight.add(attempt);
    attempt
      .catch((error: unknown) => this.logger.error(`attempt failed unanswered: ${String(error)}`))
      .finally(() => this.inFlight.delete(attempt));
  }

  private async serve(msg: Msg, providerId: string, byok: boolean): Promise<void> {
    const replyTo = msg.reply;
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
    const job = await this.readJob(msg);
    if (!job) {
      new FrameWriter(this.bus.nc, replyTo).error(
        errors.internal('The worker received a job it could not read.').toWire(),
      );
      return;
    }
    const credentials = this.credentialsFor(job, provider, byok);
    if ('error' in credentials) {
      new FrameWriter(this.bus.nc, replyTo).error(credentials.error.toWire());
      return;
    }
    const controller = this.cancellations.register(job.generationId, job.attempt);
    const deadline = setTimeout(() => controller.abort(new DeadlineExceeded()), job.deadline - Date.now());
    const attributes = {
      'switchyard.generation_id': job.generationId,
      'switchyard.attempt': job.attempt,
      ...natsAttributes(msg.subject, 'process', this.bus.subjects.providerQueue(providerId)),
    };
    const parent = contextFromHeaders(msg.headers);
    const timing = startTiming(Date.now());
    let failure: GatewayError | undefined;
    // The attempt's event is reported with its last frame (in the same socket write after a quiet spell).
    const writer = new FrameWriter(this.bus.nc, replyTo, () => {
      const event = toAttemptEvent(job, timing, Date.now(), failure);
      this.metrics.observe(event);
      this.bus.reportAttempt(event);
    });
    this.watched.set(writer, { timing, patience: job.patience ?? DEFAULT_PATIENCE, controller });
    try {
      const spanAttributes = { ...attributes, ...genAiRequestAttributes(job) };
      await inSpan(
        `chat ${provider.id}`,
        { kind: SpanKind.SERVER, attributes: spanAttributes, parent },
        async (span) => {
          try {
            for (const [index, credential] of credentials.entries()) {
              // An own credential that failed first does not make the attempt a failure (the event reads it).
              failure = undefined;
              const attempt = {
                job,
                adapter: this.adapter,
                provider,
                credential,
                writer,
                signal: controller.signal,
                timing,
                delivered: null,
              };
              try {
                await runAttempt(attempt);
                return;
              } catch (error) {
                failure = this.classify(error, controller.signal, provider);
                if (credential.byok) failure = ownKeyFailure(failure, provider.name, credential.apiKey ?? '');
                // The key's own credential failed before anything was sent: the gateway's is next, if allowed.
                if (index < credentials.length - 1 && !writer.started && !controller.signal.aborted) continue;
                markFailed(span, failure.message);
                writer.error(failure.toWire(), deliveredSummary(attempt.delivered, credential.byok));
              }
            }
          } finally {
            span.setAttributes(genAiResponseAttributes(job, timing));
          }
        },
      );
    } finally {
      clearTimeout(deadline);
      this.watched.delete(writer);
      this.cancellations.release(job.generationId, job.attempt);
    }
  }

  /**
   * The credentials to call with, in order: the gateway's own key; or, on the BYOK subject, the
   * key's credential, then the gateway's when the key lets it fall back and the gateway has one.
   */
  private credentialsFor(
    job: ChatJob,
    provider: ProviderConfig,
    byok: boolean,
  ): Credential[] | { error: GatewayError } {
    const gateway: Credential = {
      apiKey: provider.apiKeyEnv ? process.env[provider.apiKeyEnv] : undefined,
      byok: false,
    };
    if (!byok) return [gateway];
    const sealed = job.byok?.credentials[provider.id];
    if (!sealed || !job.byok) return { error: credentialUnusable(provider.name, 'the job carries none') };
    if (!this.cipher)
      return { error: credentialUnusable(provider.name, 'set SWITCHYARD_ENCRYPTION_KEY on the workers') };
    let apiKey: string;
    try {
      apiKey = this.cipher.open(sealed.sealed, { keyHash: job.byok.keyHash, providerId: provider.id });
    } catch {
      return {
        error: credentialUnusable(provider.name, 'it was sealed under another SWITCHYARD_ENCRYPTION_KEY'),
      };
    }
    const fallback = !sealed.alwaysUse && gateway.apiKey !== undefined;
    return fallback ? [{ apiKey, byok: true }, gateway] : [{ apiKey, byok: true }];
  }

  /**
   * The job's body (fetched from the store when it was too large for the message) and its
   * assignment header, with a preset variant's parameters applied; null if unreadable or gone.
   */
  private async readJob(msg: Msg): Promise<ChatJob | null> {
    try {
      const body = await this.jobBody(decodeJson<ChatJobBody | StoredJobBody>(msg.data));
      if (!body) return null;
      const job: ChatJob = {
        ...body,
        ...(JSON.parse(msg.headers?.get(ATTEMPT_HEADER) || '{}') as AttemptAssignment),
      };
      // A preset variant's parameters (validated with the catalog) override the client's.
      if (job.parameters) job.request = { ...job.request, ...job.parameters };
      job.request = clampOutputLimit(job.request, job.endpoint.maxCompletionTokens);
      return job;
    } catch {
      return null;
    }
  }

  /** The body itself, or the one it names in the store; null when that one is gone. */
  private async jobBody(sent: ChatJobBody | StoredJobBody): Promise<ChatJobBody | null> {
    if (!isStoredJobBody(sent)) return sent;
    const stored = await this.bus.jobBodies.get(sent);
    return stored ? decodeJson<ChatJobBody>(stored) : null;
  }

  /** An abort (ours) comes first: what it made the upstream call throw is only its echo. */
  private classify(error: unknown, signal: AbortSignal, provider: ProviderConfig): GatewayError {
    if (signal.aborted) {
      if (signal.reason instanceof ProviderTooSlow) return tooSlow(signal.reason, provider);
      return signal.reason instanceof DeadlineExceeded
        ? errors.timeout(`${provider.name} did not finish before the request's deadline.`, {
            provider_name: provider.name,
          })
        : errors.cancelled();
    }
    if (error instanceof GatewayError) return error;
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

class DeadlineExceeded extends Error {}

interface WatchedAttempt {
  timing: AttemptTiming;
  patience: ProviderPatience;
  controller: AbortController;
}

/** OpenRouter answers a provider that is too slow with 408, whether it never started or stalled. */
function tooSlow(reason: ProviderTooSlow, provider: ProviderConfig): GatewayError {
  const message =
    reason.verdict === 'first-token-timeout'
      ? `${provider.name} did not start answering within ${reason.limitMs} ms.`
      : `${provider.name} stopped sending for ${reason.limitMs} ms in the middle of its answer.`;
  return errors.timeout(message, { provider_name: provider.name });
}

/** What reached the client before a failure, billed as the answer would have been. */
function deliveredSummary(delivered: (() => AttemptSummary | null) | null, byok: boolean) {
  const summary = delivered?.() ?? null;
  return summary && byok ? summaryBilledToOwnKey(summary) : summary;
}
