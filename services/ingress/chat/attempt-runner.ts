import { Inject, Injectable } from '@nestjs/common';
import {
  ATTEMPT_HEADER,
  errors,
  GatewayError,
  ROUTE_HEADER,
  type AttemptAssignment,
  type AttemptEvent,
  type AttemptRecord,
  type AttemptSummary,
  type ChatJobBody,
  type ChatRequest,
  type PlannedAttempt,
  type RouteRequest,
  type WireError,
} from '../../../libs/contracts';
import { Bus, decodeJson, encodeJson, MessagingError } from '../../../libs/messaging';
import { inSpan, markFailed, SpanKind } from '../../../libs/telemetry';
import type { Admission } from '../admission/admission.service';
import { INGRESS_ENV, type IngressEnv } from '../config';
import type { ChatResponse } from './chat-response';
import { pauseBefore, type FailedAttempt } from './retry-pause';

export interface RunContext {
  generationId: string;
  request: ChatRequest;
  route: RouteRequest;
  stream: boolean;
  /** Epoch ms by which the whole request must be answered. */
  deadline: number;
  /** Proof that the request was let in: no job goes onto the bus without one. */
  admission: Admission;
}

export interface RunResult {
  /** The attempt that answered (or failed after answering began); null when none did. */
  served: PlannedAttempt | null;
  summary: AttemptSummary | null;
  error: GatewayError | null;
  /** Empty when the request was refused before any attempt (not routable, too large). */
  attempts: AttemptRecord[];
}

const MAX_RETRY_PAUSE_MS = 10_000;

type AttemptOutcome = { summary: AttemptSummary } | { error: GatewayError };

/** Where one attempt's job goes, and what the frames will tell about it. */
interface AttemptTarget {
  index: number;
  subject: string;
  headers: Record<string, string>;
  /** Known from the start for later attempts; for the first, once the router's plan arrives. */
  planned?: PlannedAttempt;
}

/**
 * Runs a request's attempts. The first goes through the router, which answers the plan and hands
 * the job to the first endpoint's worker; later ones go from here straight to their worker. A
 * retryable failure moves on to the next attempt, but only while nothing has reached the client.
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
      request: ctx.request,
      ...(Object.keys(view.byok).length > 0 && { byok: { keyHash: view.hash, credentials: view.byok } }),
    };
    const payload = encodeJson(body);
    if (payload.length > this.bus.maxPayload) return refused(errors.payloadTooLarge(this.bus.maxPayload));
    const attempts: AttemptRecord[] = [];
    const failed: FailedAttempt[] = [];
    const plan: PlannedAttempt[] = [];
    let lastError: GatewayError | null = null;
    // The plan once through, then again for each retry round; the deadline bounds it all.
    for (
      let index = 0;
      index === 0 || index < plan.length * (1 + this.env.SWITCHYARD_RETRY_ROUNDS);
      index++
    ) {
      if (response.disconnected) return { served: null, summary: null, error: errors.cancelled(), attempts };
      const next = plan[index % Math.max(1, plan.length)];
      const pause = next ? pauseBefore(next.endpoint.providerId, failed) : 0;
      if (Date.now() >= ctx.deadline) break;
      // A provider that asks for a long wait is passed over rather than waited for.
      if (pause > MAX_RETRY_PAUSE_MS || Date.now() + pause >= ctx.deadline) continue;
      if (pause > 0) await new Promise((resolve) => setTimeout(resolve, pause));
      const target = index === 0 ? this.viaRouter(ctx.route) : this.direct(next, index);
      const startedAt = Date.now();
      const outcome = await this.traced(target, () => this.attempt(payload, target, ctx, response, plan));
      const planned = plan[index % Math.max(1, plan.length)];
      if (!planned) return refused('error' in outcome ? outcome.error : errors.internal('No plan was made.'));
      attempts.push(toRecord(planned, outcome, startedAt));
      if ('summary' in outcome) return { served: planned, summary: outcome.summary, error: null, attempts };
      lastError = outcome.error;
      failed.push({ providerId: planned.endpoint.providerId, error: lastError });
      if (response.started || !lastError.retryable) {
        return { served: planned, summary: null, error: lastError, attempts };
      }
    }
    return { served: null, summary: null, error: finalError(lastError, ctx, attempts), attempts };
  }

  private viaRouter(route: RouteRequest): AttemptTarget {
    return {
      index: 0,
      subject: this.bus.subjects.routeJob,
      headers: { [ROUTE_HEADER]: JSON.stringify(route) },
    };
  }

  private direct(planned: PlannedAttempt, index: number): AttemptTarget {
    const assignment: AttemptAssignment = {
      attempt: index,
      model: planned.model,
      endpoint: planned.endpoint,
      ...(planned.parameters && { parameters: planned.parameters }),
    };
    return {
      index,
      subject: planned.subject,
      headers: { [ATTEMPT_HEADER]: JSON.stringify(assignment) },
      planned,
    };
  }

  private traced(target: AttemptTarget, work: () => Promise<AttemptOutcome>): Promise<AttemptOutcome> {
    return inSpan(
      'attempt',
      { kind: SpanKind.CLIENT, attributes: { 'switchyard.attempt': target.index } },
      async (span) => {
        const outcome = await work();
        if (target.planned) span.setAttribute('switchyard.provider', target.planned.endpoint.providerId);
        if ('error' in outcome) markFailed(span, outcome.error.message);
        return outcome;
      },
    );
  }

  private async attempt(
    payload: Uint8Array,
    target: AttemptTarget,
    ctx: RunContext,
    response: ChatResponse,
    plan: PlannedAttempt[],
  ): Promise<AttemptOutcome> {
    const remaining = ctx.deadline - Date.now();
    const options = {
      firstFrameTimeoutMs: Math.min(this.env.SWITCHYARD_FIRST_TOKEN_TIMEOUT_MS, remaining),
      idleTimeoutMs: Math.min(this.env.SWITCHYARD_STREAM_IDLE_TIMEOUT_MS, remaining),
    };
    try {
      for await (const frame of this.bus.stream(target.subject, payload, options, target.headers)) {
        if (frame.kind === 'plan') {
          plan.push(...decodeJson<PlannedAttempt[]>(frame.data));
          target.planned = plan[0];
          continue;
        }
        if (frame.kind === 'error')
          return { error: GatewayError.fromWire(decodeJson<WireError>(frame.data)) };
        if (frame.data.length > 0) response.write(frame.data);
        if (frame.kind === 'done') return { summary: JSON.parse(frame.summary ?? 'null') as AttemptSummary };
      }
      return { error: errors.internal('The worker ended without an answer.') };
    } catch (error) {
      if (!(error instanceof MessagingError)) throw error;
      if (!target.planned) return { error: routerUnavailable(error) };
      if (error.reason !== 'no-responders') this.cancel(ctx.generationId, target.index);
      const failure = fromMessagingError(error, target.planned);
      // No worker answered at all, so no worker reports it: the endpoint is down all the same.
      if (error.reason === 'no-responders' || error.reason === 'first-frame-timeout') {
        const event = outageEvent(ctx.generationId, target.index, target.planned, failure);
        this.bus.publish(this.bus.subjects.attemptEvent, event);
      }
      return { error: failure };
    }
  }

  /** Tells the worker to stop an attempt that is no longer wanted (or every attempt, without `attempt`). */
  cancel(generationId: string, attempt?: number): void {
    this.bus.publish(this.bus.subjects.cancel(generationId), attempt === undefined ? {} : { attempt });
  }
}

const refused = (error: GatewayError): RunResult => ({ served: null, summary: null, error, attempts: [] });

function routerUnavailable(error: MessagingError): GatewayError {
  return errors.noProvider('The router is not answering; no request can be routed right now.', {
    reason: error.reason,
  });
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

function finalError(last: GatewayError | null, ctx: RunContext, attempts: AttemptRecord[]): GatewayError {
  if (!last) return errors.timeout('The request ran out of time before any provider answered.');
  if (attempts.length <= 1 || last.status !== 503) return last;
  // Each provider's last word, so the message alone says what to fix (a key to set, an outage).
  const reasons = new Map(attempts.map((a) => [a.providerName, a.error]));
  const detail = [...reasons].map(([provider, error]) => `${provider}: ${error}`).join(' ');
  return errors.noProvider(`No provider is available for this request: every endpoint failed. ${detail}`, {
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
