import { Inject, Injectable } from '@nestjs/common';
import {
  errors,
  GatewayError,
  type AttemptRecord,
  type AttemptSummary,
  type ChatJob,
  type ChatRequest,
  type PlannedAttempt,
  type WireError,
} from '../../../libs/contracts';
import { Bus, decodeJson, encodeJson, MessagingError } from '../../../libs/messaging';
import { inSpan, markFailed, SpanKind } from '../../../libs/telemetry';
import { INGRESS_ENV, type IngressEnv } from '../config';
import type { ChatResponse } from './chat-response';

export interface RunContext {
  generationId: string;
  request: ChatRequest;
  stream: boolean;
  /** Epoch ms by which the whole request must be answered. */
  deadline: number;
}

export interface RunResult {
  /** The attempt that answered (or failed after answering began); null when none did. */
  served: PlannedAttempt | null;
  summary: AttemptSummary | null;
  error: GatewayError | null;
  attempts: AttemptRecord[];
}

type AttemptOutcome = { summary: AttemptSummary } | { error: GatewayError };

/**
 * Walks the router's plan: each attempt streams its frames to the client; a retryable failure
 * moves on to the next attempt, but only while nothing has reached the client yet.
 */
@Injectable()
export class AttemptRunner {
  constructor(
    private readonly bus: Bus,
    @Inject(INGRESS_ENV) private readonly env: IngressEnv,
  ) {}

  async run(plan: PlannedAttempt[], ctx: RunContext, response: ChatResponse): Promise<RunResult> {
    const attempts: AttemptRecord[] = [];
    let lastError: GatewayError | null = null;
    for (const [index, planned] of plan.entries()) {
      if (response.disconnected) return { served: null, summary: null, error: errors.cancelled(), attempts };
      if (Date.now() >= ctx.deadline) break;
      const startedAt = Date.now();
      const attributes = { 'switchyard.provider': planned.endpoint.providerId, 'switchyard.attempt': index };
      const outcome = await inSpan(
        `attempt ${planned.endpoint.providerId}`,
        { kind: SpanKind.CLIENT, attributes },
        async (span) => {
          const result = await this.attempt(planned, index, ctx, response);
          if ('error' in result) markFailed(span, result.error.message);
          return result;
        },
      );
      attempts.push(toRecord(planned, outcome, startedAt));
      if ('summary' in outcome) return { served: planned, summary: outcome.summary, error: null, attempts };
      lastError = outcome.error;
      if (response.started || !lastError.retryable) {
        return { served: planned, summary: null, error: lastError, attempts };
      }
    }
    return { served: null, summary: null, error: finalError(lastError, ctx, attempts), attempts };
  }

  private async attempt(
    planned: PlannedAttempt,
    index: number,
    ctx: RunContext,
    response: ChatResponse,
  ): Promise<AttemptOutcome> {
    const job: ChatJob = {
      generationId: ctx.generationId,
      attempt: index,
      model: planned.model,
      endpoint: planned.endpoint,
      stream: ctx.stream,
      deadline: ctx.deadline,
      request: ctx.request,
    };
    const payload = encodeJson(job);
    if (payload.length > this.bus.maxPayload) return { error: errors.payloadTooLarge(this.bus.maxPayload) };
    const remaining = ctx.deadline - Date.now();
    try {
      const frames = this.bus.stream(planned.subject, payload, {
        firstFrameTimeoutMs: Math.min(this.env.SWITCHYARD_FIRST_TOKEN_TIMEOUT_MS, remaining),
        idleTimeoutMs: Math.min(this.env.SWITCHYARD_STREAM_IDLE_TIMEOUT_MS, remaining),
      });
      for await (const frame of frames) {
        if (frame.kind === 'error')
          return { error: GatewayError.fromWire(decodeJson<WireError>(frame.data)) };
        if (frame.data.length > 0) response.write(frame.data);
        if (frame.kind === 'done') return { summary: JSON.parse(frame.summary ?? 'null') as AttemptSummary };
      }
      return {
        error: errors.internal(`The worker for ${planned.endpoint.providerName} ended without an answer.`),
      };
    } catch (error) {
      if (!(error instanceof MessagingError)) throw error;
      if (error.reason !== 'no-responders') this.cancel(ctx.generationId, index);
      return { error: fromMessagingError(error, planned) };
    }
  }

  /** Tells the worker to stop an attempt that is no longer wanted (or every attempt, without `attempt`). */
  cancel(generationId: string, attempt?: number): void {
    this.bus.publish(this.bus.subjects.cancel(generationId), attempt === undefined ? {} : { attempt });
  }
}

function fromMessagingError(error: MessagingError, planned: PlannedAttempt): GatewayError {
  const provider = planned.endpoint.providerName;
  const metadata = { provider_name: provider };
  switch (error.reason) {
    case 'no-responders':
      return new GatewayError({
        status: 503,
        message: `No worker is serving ${provider} (is its API key set?).`,
        metadata,
        retryable: true,
      });
    case 'first-frame-timeout':
    case 'timeout':
      return errors.timeout(`${provider} did not start answering in time.`, metadata);
    default:
      return new GatewayError({
        status: 502,
        message: `${provider}: ${error.message}`,
        metadata,
        retryable: true,
      });
  }
}

function finalError(last: GatewayError | null, ctx: RunContext, attempts: AttemptRecord[]): GatewayError {
  if (!last) return errors.timeout('The request ran out of time before any provider answered.');
  if (attempts.length <= 1 || last.status !== 503) return last;
  return errors.noProvider(`No provider is available for this request: every endpoint failed.`, {
    generation_id: ctx.generationId,
    provider_responses: attempts.map((a) => ({
      provider_name: a.providerName,
      status: a.status,
      error: a.error,
    })),
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
