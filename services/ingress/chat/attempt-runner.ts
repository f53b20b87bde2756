import { Inject, Injectable } from '@nestjs/common';
import {
  assignmentHeader,
  errors,
  GatewayError,
  type AttemptEvent,
  type AttemptRecord,
  type AttemptSummary,
  type ChatJobBody,
  type EmbeddingsRequest,
  type ChatRequest,
  type PlannedAttempt,
  type StoredJobBody,
  type WireError,
  SILENCE_LIMIT_MS,
} from '../../../libs/contracts';
import { Bus, decodeJson, encodeJson, MessagingError } from '../../../libs/messaging';
import { inSpan, markFailed, natsAttributes, SpanKind } from '../../../libs/telemetry';
import type { Admission } from '../admission/admission.service';
import { INGRESS_ENV, type IngressEnv } from '../config';
import type { ChatResponse } from './chat-response';
import { gatewayOverheadMs } from './gateway-overhead';
import { nextAttempt, type FailedAttempt } from './next-attempt';

export interface RunContext {
  generationId: string;
  request: ChatRequest;
  /** The attempts in order, as planned (see RoutePlanner): never empty. */
  plan: PlannedAttempt[];
  stream: boolean;
  /** Epoch ms by which the whole request must be answered. */
  deadline: number;
  /** `performance.now()` when the request arrived: the gateway's overhead counts from it. */
  arrivedAt: number;
  /** Proof that the request was let in: no job goes onto the bus without one. */
  admission: Admission;
  /** Set for POST /embeddings: the job asks for these embeddings (see ChatJobBody). */
  embeddings?: EmbeddingsRequest;
}

export interface RunResult {
  /** The attempt that answered (or failed after answering began); null when none did. */
  served: PlannedAttempt | null;
  /** On a failure after content was delivered: what was (so that it is recorded and charged). */
  summary: AttemptSummary | null;
  error: GatewayError | null;
  attempts: AttemptRecord[];
  /** What the gateway added to a served request, ms (see gatewayOverheadMs); else null. */
  overheadMs?: number | null;
}

const MAX_RETRY_PAUSE_MS = 10_000;
const NO_WORKER_RETRY_AFTER_S = 1;
/** A whole answer's overhead, as `X-Switchyard-Overhead-Ms` (a stream's headers leave before it is known). */
const OVERHEAD_HEADER = 'x-switchyard-overhead-ms';
/** Room left in a message for the job's headers (the attempt's assignment, trace context). */
const HEADERS_ROOM = 64 * 1024;

type AttemptOutcome =
  | { summary: AttemptSummary; overheadMs: number | null }
  | { error: GatewayError; delivered: AttemptSummary | null };

/**
 * Runs a request's planned attempts, each sent from here straight to its endpoint's worker queue.
 * A retryable failure moves on (see `nextAttempt`), but only while nothing has reached the client.
 * Nothing waits unbounded: a silent worker is noticed within SILENCE_LIMIT_MS, a lost NATS
 * connection is waited for SWITCHYARD_NATS_RECONNECT_WAIT_MS, and the deadline bounds it all.
 */
@Injectable()
export class AttemptRunner {
  constructor(
    private readonly bus: Bus,
    @Inject(INGRESS_ENV) private readonly env: IngressEnv,
  ) {}

  async run(ctx: RunContext, response: ChatResponse): Promise<RunResult> {
    const { view } = ctx.admission.principal;
    const body: ChatJobBody = {
      generationId: ctx.generationId,
      stream: ctx.stream,
      deadline: ctx.deadline,
      patience: {
        firstTokenMs: this.env.SWITCHYARD_FIRST_TOKEN_TIMEOUT_MS,
        idleMs: this.env.SWITCHYARD_STREAM_IDLE_TIMEOUT_MS,
      },
      request: ctx.request,
      ...(ctx.embeddings && { embeddings: ctx.embeddings }),
      ...(Object.keys(view.byok).length > 0 && { byok: { keyHash: view.hash, credentials: view.byok } }),
    };
    const bytes = encodeJson(body);
    const stored = bytes.length > this.bus.maxPayload - HEADERS_ROOM ? await this.store(body, bytes) : null;
    if (stored && 'error' in stored) return failedRun(stored.error, []);
    try {
      return await this.runAttempts(ctx, response, stored ? encodeJson(stored) : bytes);
    } finally {
      if (stored) this.bus.jobBodies.remove(stored);
    }
  }

  private async store(
    body: ChatJobBody,
    bytes: Uint8Array,
  ): Promise<StoredJobBody | { error: GatewayError }> {
    try {
      return await this.bus.jobBodies.put(body.generationId, bytes);
    } catch {
      return {
        error: errors.noProvider(
          'The request is too large for one message, and the store for large requests is not answering. Try again shortly.',
        ),
      };
    }
  }

  private async runAttempts(
    ctx: RunContext,
    response: ChatResponse,
    payload: Uint8Array,
  ): Promise<RunResult> {
    const { plan } = ctx;
    const attempts: AttemptRecord[] = [];
    const failed: FailedAttempt[] = [];
    let position = 0;
    for (let index = 0; ; index++) {
      if (response.disconnected) return failedRun(errors.cancelled(), attempts);
      if (!(await this.bus.whenConnected(this.reconnectWaitMs(ctx))))
        return failedRun(this.busDown(), attempts);
      const planned = plan[position % plan.length];
      const startedAt = Date.now();
      const outcome = await this.traced(index, planned, () =>
        this.attempt(payload, index, planned, ctx, response),
      );
      attempts.push(toRecord(planned, outcome, startedAt));
      if ('summary' in outcome) {
        const { summary, overheadMs } = outcome;
        return { served: planned, summary, error: null, attempts, overheadMs };
      }
      const { error, delivered } = outcome;
      if (response.started || !error.retryable)
        return { served: planned, summary: delivered, error, attempts };
      // Lost with the connection to NATS: the request ends now, rather than wait for it.
      if (error.retryScope === 'replica' && !this.bus.connected) return failedRun(this.busDown(), attempts);
      failed.push({ position, providerId: planned.endpoint.providerId, error });
      const left = ctx.deadline - Date.now();
      const next = nextAttempt(
        plan,
        failed,
        this.env.SWITCHYARD_RETRY_ROUNDS,
        Math.min(MAX_RETRY_PAUSE_MS, left),
      );
      if (!next || left <= 0) return failedRun(finalError(error, ctx, attempts), attempts);
      if (next.pauseMs > 0) await new Promise((resolve) => setTimeout(resolve, next.pauseMs));
      position = next.position;
    }
  }

  /** Bounded by what is left of the request's time too. */
  private reconnectWaitMs(ctx: RunContext): number {
    return Math.max(0, Math.min(this.env.SWITCHYARD_NATS_RECONNECT_WAIT_MS, ctx.deadline - Date.now()));
  }

  private busDown(): GatewayError {
    return errors.busDown(Math.max(1, Math.ceil(this.env.SWITCHYARD_NATS_RECONNECT_WAIT_MS / 1000)));
  }

  private traced(
    index: number,
    planned: PlannedAttempt,
    work: () => Promise<AttemptOutcome>,
  ): Promise<AttemptOutcome> {
    const attributes = {
      'switchyard.attempt': index,
      'switchyard.provider': planned.endpoint.providerId,
      ...natsAttributes(planned.subject, 'send'),
    };
    return inSpan('attempt', { kind: SpanKind.CLIENT, attributes }, async (span) => {
      const outcome = await work();
      if ('error' in outcome) markFailed(span, outcome.error.message);
      return outcome;
    });
  }

  private async attempt(
    payload: Uint8Array,
    index: number,
    planned: PlannedAttempt,
    ctx: RunContext,
    response: ChatResponse,
  ): Promise<AttemptOutcome> {
    const options = { silenceMs: SILENCE_LIMIT_MS, timeoutMs: ctx.deadline - Date.now() };
    const headers = assignmentHeader(index, planned);
    try {
      for await (const frame of this.bus.stream(planned.subject, payload, options, headers)) {
        if (frame.kind === 'error') {
          const delivered = frame.summary ? (JSON.parse(frame.summary) as AttemptSummary) : null;
          return { error: GatewayError.fromWire(decodeJson<WireError>(frame.data)), delivered };
        }
        if (frame.kind === 'done') return this.served(frame.data, frame.summary, ctx, response);
        if (frame.data.length > 0) response.write(frame.data);
      }
      return { error: errors.internal('The worker ended without an answer.'), delivered: null };
    } catch (error) {
      if (!(error instanceof MessagingError)) throw error;
      if (error.reason !== 'no-responders') this.cancel(ctx.generationId, index);
      const failure = fromMessagingError(error, planned);
      // No worker took the job, so no worker reports it: the endpoint is down all the same.
      if (error.reason === 'no-responders') {
        this.bus.reportAttempt(outageEvent(ctx.generationId, index, planned, failure));
      }
      return { error: failure, delivered: null };
    }
  }

  /** The last frame of a served attempt; a whole answer goes out with the gateway's overhead in a header. */
  private served(data: Uint8Array, summaryJson: string | undefined, ctx: RunContext, response: ChatResponse) {
    const summary = JSON.parse(summaryJson ?? 'null') as AttemptSummary;
    const overheadMs = gatewayOverheadMs(ctx.arrivedAt, performance.now(), summary);
    if (overheadMs !== null) response.setHeader(OVERHEAD_HEADER, String(overheadMs));
    if (data.length > 0) response.write(data);
    return { summary, overheadMs };
  }

  /** Tells the worker to stop an attempt that is no longer wanted (or every attempt, without `attempt`). */
  cancel(generationId: string, attempt?: number): void {
    this.bus.publish(this.bus.subjects.cancel(generationId), attempt === undefined ? {} : { attempt });
  }
}

const failedRun = (error: GatewayError, attempts: AttemptRecord[]): RunResult => ({
  served: null,
  summary: null,
  error,
  attempts,
});

function fromMessagingError(error: MessagingError, planned: PlannedAttempt): GatewayError {
  const provider = planned.endpoint.providerName;
  const metadata = { provider_name: provider };
  switch (error.reason) {
    case 'no-responders':
      // A worker may be on its way (restarting, or resubscribing after NATS came back): a retry
      // round waits this long for it, and a client is told to.
      return new GatewayError({
        status: 503,
        message: `No worker is serving ${provider} (is its API key set?).`,
        metadata,
        retryable: true,
        retryAfterMs: NO_WORKER_RETRY_AFTER_S * 1000,
        headers: { 'Retry-After': String(NO_WORKER_RETRY_AFTER_S) },
      });
    case 'deadline':
    case 'timeout':
      return errors.timeout(`${provider} did not finish before the request's deadline.`, metadata);
    case 'silent':
      return errors.serviceLost(`The worker calling ${provider} stopped answering.`, metadata);
    case 'out-of-order':
      return errors.serviceLost(
        `Part of ${provider}'s answer was lost on its way through the gateway.`,
        metadata,
      );
  }
}

function outageEvent(
  generationId: string,
  attempt: number,
  planned: PlannedAttempt,
  failure: GatewayError,
): AttemptEvent {
  return {
    generationId,
    attempt,
    source: 'ingress',
    model: planned.model,
    providerId: planned.endpoint.providerId,
    upstreamModel: planned.endpoint.upstreamModel,
    endedAt: Date.now(),
    ok: false,
    status: failure.status,
    retryable: failure.retryable,
    errorMessage: failure.message,
    firstByteMs: null,
    firstTokenMs: null,
    generationMs: null,
    completionTokens: null,
  };
}

function finalError(last: GatewayError, ctx: RunContext, attempts: AttemptRecord[]): GatewayError {
  if (attempts.length <= 1 || last.status !== 503) return last;
  // Each provider's last word, so the message alone says what to fix (a key to set, an outage).
  const reasons = new Map(attempts.map((a) => [a.providerName, a.error]));
  const detail = [...reasons].map(([provider, error]) => `${provider}: ${error}`).join(' ');
  const retryAfter = last.headers?.['Retry-After'];
  return new GatewayError({
    status: 503,
    message: `No provider is available for this request: every endpoint failed. ${detail}`,
    metadata: {
      generation_id: ctx.generationId,
      provider_responses: attempts.map((a) => ({
        provider_name: a.providerName,
        status: a.status,
        error: a.error,
      })),
    },
    // The last failure's advice on when to try again holds for the whole request.
    retryAfterMs: last.retryAfterMs,
    ...(retryAfter && { headers: { 'Retry-After': retryAfter } }),
  });
}

function toRecord(planned: PlannedAttempt, outcome: AttemptOutcome, startedAt: number): AttemptRecord {
  return {
    providerId: planned.endpoint.providerId,
    providerName: planned.endpoint.providerName,
    model: planned.model,
    upstreamModel: planned.endpoint.upstreamModel,
    status: 'summary' in outcome ? 200 : outcome.error.status,
    latencyMs: Date.now() - startedAt,
    ...('error' in outcome ? { error: outcome.error.message } : {}),
  };
}
