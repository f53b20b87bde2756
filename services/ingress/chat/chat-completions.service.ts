import { Inject, Injectable } from '@nestjs/common';
import { nuid } from '@nats-io/transport-node';
import { context, propagation, type Span } from '@opentelemetry/api';
import type { FastifyReply } from 'fastify';
import {
  chatRequestSchema,
  GatewayError,
  parseRequestBody,
  type ChatRequest,
  type EmbeddingsRequest,
  type GenerationEvent,
  type RouteRequest,
} from '../../../libs/contracts';
import { Bus, EventPublisher } from '../../../libs/messaging';
import { activeTraceparent, inSpan, markFailed, SpanKind } from '../../../libs/telemetry';
import { Admission, AdmissionService } from '../admission/admission.service';
import type { AuthenticatedRequest } from '../auth/api-key.guard';
import { INGRESS_ENV, type IngressEnv } from '../config';
import { appAttribution, type AppAttribution } from './app-attribution';
import { AttemptRunner, type RunResult } from './attempt-runner';
import { chargedToLimit, chargeOf } from './charge';
import { openAiFormat, type ChatResponse, type ResponseFormat } from './chat-response';
import { buildGenerationEvent } from './generation-event';
import { IngressMetrics } from './ingress-metrics';
import { promptAsMessages } from './prompt-as-messages';
import { requestedParameters } from './requested-parameters';
import { RoutePlanner } from './route-planner';

interface AcceptedRequest {
  generationId: string;
  request: ChatRequest;
  /** POST /embeddings: what to embed; `request` holds the same inputs as messages, to be counted. */
  embeddings?: EmbeddingsRequest;
  app: AppAttribution;
  /** The API path it came on (`/api/v1/chat/completions`), for metrics. */
  route: string;
  /** The request's parameters (see requestedParameters): for routing, then for its record. */
  parameters: string[];
  admission: Admission;
  receivedAt: number;
  /** `performance.now()` at receipt: overhead is measured to a hundredth of a ms. */
  arrivedAt: number;
}

/** OpenRouter's id form: `gen-<unix seconds>-<random>`. */
const newGenerationId = () => `gen-${Math.floor(Date.now() / 1000)}-${nuid.next()}`;

@Injectable()
export class ChatCompletionsService {
  constructor(
    private readonly bus: Bus,
    private readonly planner: RoutePlanner,
    private readonly runner: AttemptRunner,
    private readonly events: EventPublisher,
    private readonly admission: AdmissionService,
    @Inject(INGRESS_ENV) private readonly env: IngressEnv,
    private readonly metrics: IngressMetrics,
  ) {}

  /**
   * Every inference route's way in (`embeddings` set for POST /embeddings): admits the request (rate limits, a reservation against the
   * key's limit), plans, runs the attempts, answers the client in `format` (OpenAI's by default),
   * records the generation and settles the reservation to what it cost. A client's own
   * `traceparent` makes this request part of the client's trace.
   */
  async complete(
    http: AuthenticatedRequest,
    request: ChatRequest,
    reply: FastifyReply,
    format: ResponseFormat = openAiFormat,
    embeddings?: EmbeddingsRequest,
  ): Promise<void> {
    const admission = await this.admission.admit(http.principal, request).catch((error: unknown) => {
      if (error instanceof GatewayError && [402, 403, 429].includes(error.status))
        this.metrics.refused(error.status);
      throw error;
    });
    const accepted = {
      generationId: newGenerationId(),
      request,
      embeddings,
      app: appAttribution(http.headers),
      route: http.routeOptions.url ?? http.url,
      parameters: requestedParameters(request),
      admission,
      receivedAt: Date.now(),
      arrivedAt: performance.now(),
    };
    try {
      await this.traced(accepted, reply, format);
    } finally {
      // Settled already, unless it threw: then what it may have cost stays counted as spent.
      admission.settle({ cost: admission.worstCase.cost, tokens: 0 });
    }
  }

  /** Before the answer ends, so that a client's next request finds this one counted. */
  private settle({ admission }: AcceptedRequest, result: RunResult): void {
    const usage = result.summary?.usage;
    admission.settle({
      cost: chargedToLimit(chargeOf(result.summary), admission.principal.view.includeByokInLimit),
      tokens: (usage?.prompt_tokens ?? 0) + (usage?.completion_tokens ?? 0),
    });
  }

  private traced(job: AcceptedRequest, reply: FastifyReply, format: ResponseFormat): Promise<void> {
    const { generationId, request } = job;
    const attributes = {
      'gen_ai.request.model': request.model ?? '',
      'switchyard.generation_id': generationId,
    };
    const parent = propagation.extract(context.active(), reply.request.headers);
    return inSpan(`chat ${request.model ?? ''}`, { kind: SpanKind.SERVER, attributes, parent }, (span) =>
      this.serve(job, reply, format, span),
    );
  }

  private async serve(
    job: AcceptedRequest,
    reply: FastifyReply,
    format: ResponseFormat,
    span: Span,
  ): Promise<void> {
    const { generationId, request } = job;
    const stream = request.stream === true;
    const response = format.create({
      reply,
      headers: { 'x-generation-id': generationId, ...job.admission.headers },
      stream,
      onClientGone: () => this.runner.cancel(generationId),
    });
    const deadline = job.receivedAt + this.env.SWITCHYARD_REQUEST_TIMEOUT_MS;
    const byokProviders = Object.keys(job.admission.principal.view.byok);
    const route: RouteRequest = {
      model: request.model,
      models: request.models,
      provider: request.provider,
      route: request.route,
      sessionId: request.session_id ?? headerValue(reply.request.headers['x-session-id']),
      user: request.user,
      parameters: job.parameters,
      ...(job.embeddings && { operation: 'embeddings' as const }),
      maxTokens: request.max_completion_tokens ?? request.max_tokens ?? undefined,
      ...(byokProviders.length > 0 && { byokProviders }),
    };
    const plan = await this.planner.plan(route);
    if (!plan.ok) {
      // Not routable (an unknown model, preferences no endpoint meets): the client's error, not a generation.
      const error = GatewayError.fromWire(plan);
      markFailed(span, error.message);
      response.fail(error, { generationId, model: request.model ?? '', providerName: null });
      return;
    }
    response.accepted();
    const result = await this.runner.run(
      {
        generationId,
        request,
        plan: plan.attempts,
        stream,
        deadline,
        arrivedAt: job.arrivedAt,
        admission: job.admission,
        ...(job.embeddings && { embeddings: job.embeddings }),
      },
      response,
    );
    this.settle(job, result);
    if (result.served && !result.error) await this.planner.served(route, result.served);
    if (result.error) markFailed(span, result.error.message);
    const event = await this.record(job, stream, response, result);
    if (result.error) {
      response.fail(result.error, {
        generationId,
        model: result.served?.model ?? request.model ?? '',
        providerName: result.served?.endpoint.providerName ?? null,
      });
    } else {
      response.end();
    }
    this.metrics.observe(job.route, event);
  }

  /**
   * Before the answer's last bytes: once a client holds its whole answer, the record of it is
   * stored, so a replica killed at any moment loses no answered request's record. Waits at most
   * SWITCHYARD_RECORD_WAIT_MS, and not at all while JetStream has stored nothing for that long (a
   * NATS failover): then answers do not queue behind it, and their records go on being retried.
   */
  private async record(
    job: AcceptedRequest,
    stream: boolean,
    response: ChatResponse,
    result: RunResult,
  ): Promise<GenerationEvent> {
    const event = buildGenerationEvent({
      ...job,
      apiKeyId: job.admission.keyHash,
      firstByteAt: response.firstByteAt,
      finishedAt: Date.now(),
      stream,
      cancelled: response.disconnected,
      result,
    });
    const traceparent = activeTraceparent();
    const stored = this.events.publish(
      this.bus.subjects.generationEvent,
      traceparent ? { ...event, traceparent } : event,
    );
    const wait = this.env.SWITCHYARD_RECORD_WAIT_MS;
    if (wait > 0 && !response.disconnected && this.events.stalledFor() < wait) await waitAtMost(stored, wait);
    return event;
  }
}

function waitAtMost(stored: Promise<boolean>, ms: number): Promise<unknown> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise((resolve) => (timer = setTimeout(resolve, ms)));
  return Promise.race([stored, late]).finally(() => clearTimeout(timer));
}

const headerValue = (value: string | string[] | undefined) =>
  (Array.isArray(value) ? value[0] : value) ?? null;

export function parseChatRequest(body: unknown): ChatRequest {
  return parseRequestBody(chatRequestSchema, promptAsMessages(body));
}
