import { Inject, Injectable } from '@nestjs/common';
import {
  assignmentHeader,
  errors,
  GatewayError,
  ROUTE_HEADER,
  type AttemptEvent,
  type AttemptRecord,
  type AttemptSummary,
  type ChatJobBody,
  type ChatRequest,
  type PlannedAttempt,
  type RouteRequest,
  type StoredJobBody,
  type WireError,
  SILENCE_LIMIT_MS,
} from '../../../libs/contracts';
import { Bus, decodeJson, encodeJson, MessagingError } from '../../../libs/messaging';
import { inSpan, markFailed, SpanKind } from '../../../libs/telemetry';
import type { Admission } from '../admission/admission.service';
import { INGRESS_ENV, type IngressEnv } from '../config';
import type { ChatResponse } from './chat-response';
import { gatewayOverheadMs } from './gateway-overhead';
import { nextAttempt, type FailedAttempt } from './next-attempt';

export interface RunContext {
  generationId: string;
  request: ChatRequest;
  route: RouteRequest;
  stream: boolean;
  /** Epoch ms by which the whole request must be answered. */
  deadline: number;
  /** `performance.now()` when the request arrived: the gateway's overhead counts from it. */
  arrivedAt: number;
  /** Proof that the request was let in: no job goes onto the bus without one. */
  admission: Admission;
}

export interface RunResult {
  /** The attempt that answered (or failed after answering began); null when none did. */
  served: PlannedAttempt | null;
  /** On a failure after content was delivered: what was (so that it is recorded and charged). */
  summary: AttemptSummary | null;
  error: GatewayError | null;
  attempts: AttemptRecord[];
  /** Turned away before any attempt, as the client's own error (not routable): not a generation. */
  refused: boolean;
  /** What the gateway added to a served request, ms (see gatewayOverheadMs); else null. */
  overheadMs?: number | null;
}

const MAX_RETRY_PAUSE_MS = 10_000;
/** A whole answer's overhead, as `X-Switchyard-Overhead-Ms` (a stream's headers leave before it is known). */
const OVERHEAD_HEADER = 'x-switchyard-overhead-ms';
/** Room left in a message for the job's headers (the routing request, trace context). */
const HEADERS_ROOM = 64 * 1024;
/** Router replicas tried, one after another, when the one that took the job falls silent. */
const ROUTER_TRIES = 2;
/** While no router is subscribed at all (the only one restarting), how long a request waits for one. */
const ROUTER_ABSENT_WAIT_MS = 2000;
const ROUTER_ABSENT_PAUSE_MS = 250;

type AttemptOutcome =
  | { summary: AttemptSummary; overheadMs: number | null }
  | {
      error: GatewayError;
      delivered: AttemptSummary | null;
      /** Before any plan: the router answered this error (the request cannot be routed). */
      routerRefused?: boolean;
      /** Before any plan: no router is subscribed (one restarting, NATS just back). */
      routerAbsent?: boolean;
    };

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
 * retryable failure moves on (see `nextAttempt`), but only while nothing has reached the client.
 * Nothing waits unbounded: a silent router or worker is noticed within SILENCE_LIMIT_MS, a lost
 * NATS connection is waited for SWITCHYARD_NATS_RECONNECT_WAIT_MS, and the deadline bounds it all.
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
    const attempts: AttemptRecord[] = [];
    const failed: FailedAttempt[] = [];
    const plan: PlannedAttempt[] = [];
    let position = 0;
    const routing = { since: Date.now(), silentRouters: 0 };
    for (let index = 0; ; index++) {
      if (response.disconnected) return failedRun(errors.cancelled(), attempts);
      if (!(await this.bus.whenConnected(this.reconnectWaitMs(ctx))))
        return failedRun(this.busDown(), attempts);
      const target =
        plan.length === 0
          ? this.viaRouter(ctx.route, index)
          : this.direct(plan[position % plan.length], index);
      const startedAt = Date.now();
      const outcome = await this.traced(target, () => this.attempt(payload, target, ctx, response, plan));
      const planned = target.planned;
      if (!planned) {
        const verdict = await this.afterNoPlan(outcome, routing, ctx, attempts);
        if (verdict === 'again') continue;
        return verdict;
      }
      attempts.push(toRecord(planned, outcome, startedAt));
      if ('summary' in outcome) {
        const { summary, overheadMs } = outcome;
        return { served: planned, summary, error: null, attempts, refused: false, overheadMs };
      }
      const { error, delivered } = outcome;
      if (response.started || !error.retryable)
        return { served: planned, summary: delivered, error, attempts, refused: false };
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

  /**
   * The router made no plan. Its own refusal (not routable) ends the request; a router that fell
   * silent is replaced by another once; while none is subscribed (restarting), the request waits
   * up to ROUTER_ABSENT_WAIT_MS for one.
   */
  private async afterNoPlan(
    outcome: AttemptOutcome,
    routing: { since: number; silentRouters: number },
    ctx: RunContext,
    attempts: AttemptRecord[],
  ): Promise<'again' | RunResult> {
    if (!('error' in outcome)) return failedRun(errors.internal('No plan was made.'), attempts);
    if (outcome.routerRefused) return refused(outcome.error);
    const left = ctx.deadline - Date.now();
    if (outcome.routerAbsent) {
      const waited = Date.now() - routing.since;
      if (waited + ROUTER_ABSENT_PAUSE_MS >= ROUTER_ABSENT_WAIT_MS || left <= ROUTER_ABSENT_PAUSE_MS)
        return failedRun(outcome.error, attempts);
      await new Promise((resolve) => setTimeout(resolve, ROUTER_ABSENT_PAUSE_MS));
      return 'again';
    }
    return ++routing.silentRouters < ROUTER_TRIES && left > 0 ? 'again' : failedRun(outcome.error, attempts);
  }

  /** Bounded by what is left of the request's time too. */
  private reconnectWaitMs(ctx: RunContext): number {
    return Math.max(0, Math.min(this.env.SWITCHYARD_NATS_RECONNECT_WAIT_MS, ctx.deadline - Date.now()));
  }

  private busDown(): GatewayError {
    return errors.busDown(Math.max(1, Math.ceil(this.env.SWITCHYARD_NATS_RECONNECT_WAIT_MS / 1000)));
  }

  /** `index`: a job sent again to another router keeps its own number, apart from a lost one's. */
  private viaRouter(route: RouteRequest, index: number): AttemptTarget {
    return {
      index,
      subject: this.bus.subjects.routeJob,
      headers: { [ROUTE_HEADER]: JSON.stringify(index === 0 ? route : { ...route, attempt: index }) },
    };
  }

  private direct(planned: PlannedAttempt, index: number): AttemptTarget {
    return { index, subject: planned.subject, headers: assignmentHeader(index, planned), planned };
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
    const options = { silenceMs: SILENCE_LIMIT_MS, timeoutMs: ctx.deadline - Date.now() };
    try {
      for await (const frame of this.bus.stream(target.subject, payload, options, target.headers)) {
        if (frame.kind === 'plan') {
          plan.push(...decodeJson<PlannedAttempt[]>(frame.data));
          target.planned = plan[0];
          continue;
        }
        if (frame.kind === 'error') {
          const delivered = frame.summary ? (JSON.parse(frame.summary) as AttemptSummary) : null;
          const error = GatewayError.fromWire(decodeJson<WireError>(frame.data));
          return { error, delivered, routerRefused: !target.planned };
        }
        if (frame.kind === 'done') return this.served(frame.data, frame.summary, ctx, response);
        if (frame.data.length > 0) response.write(frame.data);
      }
      return { error: errors.internal('The worker ended without an answer.'), delivered: null };
    } catch (error) {
      if (!(error instanceof MessagingError)) throw error;
      if (error.reason !== 'no-responders') this.cancel(ctx.generationId, target.index);
      if (!target.planned) {
        return {
          error: fromRouterFailure(error),
          delivered: null,
          routerAbsent: error.reason === 'no-responders',
        };
      }
      const failure = fromMessagingError(error, target.planned);
      // No worker took the job, so no worker reports it: the endpoint is down all the same.
      if (error.reason === 'no-responders') {
        this.bus.reportAttempt(outageEvent(ctx.generationId, target.index, target.planned, failure));
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

const refused = (error: GatewayError): RunResult => ({
  served: null,
  summary: null,
  error,
  attempts: [],
  refused: true,
});

const failedRun = (error: GatewayError, attempts: AttemptRecord[]): RunResult => ({
  served: null,
  summary: null,
  error,
  attempts,
  refused: false,
});

function routerUnavailable(): GatewayError {
  return new GatewayError({
    status: 503,
    message: 'The router is not answering; no request can be routed right now. Try again in a few seconds.',
    retryAfterMs: 1000,
    headers: { 'Retry-After': '1' },
  });
}

/** Before the plan: the router went silent, or no router is there at all. */
function fromRouterFailure(error: MessagingError): GatewayError {
  if (error.reason === 'deadline') return errors.timeout('The request ran out of time before it was routed.');
  return routerUnavailable();
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
