import {
  connect,
  errors as natsErrors,
  type Msg,
  type NatsConnection,
  type Subscription,
} from '@nats-io/transport-node';
import { errors, GatewayError, subjectsFor, type AttemptEvent, type Subjects } from '../contracts';
import { AttemptReports } from './attempt-reports';
import { FrameStreams, type Frame, type StreamOptions } from './frame-stream';
import { JobBodies } from './job-bodies';
import { MessagingError } from './messaging-error';
import { activeTraceparent, inSpan, SpanKind } from '../telemetry/tracing';
import { natsServers } from '../config/nats-servers';
import { contextFromHeaders, traceHeaders } from './trace-context';

export interface BusOptions {
  url: string;
  namespace: string;
  /** Shown in the server's connection list: which service holds this connection. */
  name: string;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export const encodeJson = (value: unknown): Uint8Array => encoder.encode(JSON.stringify(value));
export const decodeJson = <T>(data: Uint8Array): T => JSON.parse(decoder.decode(data)) as T;

/**
 * The one door to NATS: connect/drain, JSON in and out, trace headers on every message, and
 * deadlines on every wait. Services never touch the raw connection for core messaging.
 */
export class Bus {
  private streams?: FrameStreams;
  private bodies?: JobBodies;
  private attemptReports?: AttemptReports;
  private isConnected = true;
  private readonly reconnectWaiters = new Set<() => void>();
  private readonly reconnectListeners: (() => void)[] = [];

  private constructor(
    readonly nc: NatsConnection,
    readonly subjects: Subjects,
  ) {}

  static async connect(options: BusOptions): Promise<Bus> {
    const nc = await connectNats(options.url, options.name);
    const bus = new Bus(nc, subjectsFor(options.namespace));
    void bus.followConnectionStatus();
    return bus;
  }

  /** False while the connection to NATS is lost (the client keeps reconnecting meanwhile). */
  get connected(): boolean {
    return this.isConnected && !this.nc.isClosed();
  }

  private async followConnectionStatus(): Promise<void> {
    for await (const status of this.nc.status()) {
      if (status.type === 'disconnect') this.isConnected = false;
      if (status.type === 'reconnect') {
        this.isConnected = true;
        for (const wake of this.reconnectWaiters) wake();
        for (const listener of this.reconnectListeners) listener();
      }
    }
  }

  /** Called after every reconnection (for the reconnect counter). */
  onReconnect(listener: () => void): void {
    this.reconnectListeners.push(listener);
  }

  /** True at once while connected; else waits up to `timeoutMs` for the client to reconnect. */
  whenConnected(timeoutMs: number): Promise<boolean> {
    if (this.connected) return Promise.resolve(true);
    return new Promise((resolve) => {
      const done = (connected: boolean) => {
        clearTimeout(timer);
        this.reconnectWaiters.delete(wake);
        resolve(connected);
      };
      const wake = () => done(true);
      const timer = setTimeout(() => done(this.connected), timeoutMs);
      this.reconnectWaiters.add(wake);
    });
  }

  /** The largest message the server accepts. */
  get maxPayload(): number {
    return this.nc.info?.max_payload ?? 1024 * 1024;
  }

  /** Where job bodies too large for one message are kept (see JobBodies). */
  get jobBodies(): JobBodies {
    this.bodies ??= new JobBodies(this.nc, this.subjects);
    return this.bodies;
  }

  /** Fire and forget (cancels, health events): once the connection is draining, it is dropped, not thrown. */
  publish(subject: string, value: unknown): void {
    this.publishJson(subject, JSON.stringify(value));
  }

  /** An attempt's outcome for the routers' health view, batched under load (see AttemptReports). */
  reportAttempt(event: AttemptEvent): void {
    this.attemptReports ??= new AttemptReports((batch) =>
      this.publishJson(this.subjects.attemptEvent, batch),
    );
    const traceparent = activeTraceparent();
    this.attemptReports.add(traceparent ? { ...event, traceparent } : event);
  }

  /** `publish` for JSON already written (a batch joined from encoded events). */
  private publishJson(subject: string, json: string): void {
    if (this.nc.isDraining() || this.nc.isClosed()) return;
    this.nc.publish(subject, encoder.encode(json), { headers: traceHeaders() });
  }

  async request<T>(subject: string, value: unknown, timeoutMs: number): Promise<T> {
    try {
      const reply = await this.nc.request(subject, encodeJson(value), {
        timeout: timeoutMs,
        headers: traceHeaders(),
      });
      return decodeJson<T>(reply.data);
    } catch (error) {
      throw toMessagingError(error, subject, timeoutMs);
    }
  }

  /**
   * Answers requests on `subject`, sharing the load with every replica in `queue`. A GatewayError
   * thrown by the handler is answered as it is (`{ ok: false, error, … }`); anything else as a 500
   * that names no internals, and is logged here.
   */
  serve<Req, Res>(
    subject: string,
    queue: string,
    handler: (request: Req, msg: Msg) => Promise<Res> | Res,
  ): void {
    this.nc.subscribe(subject, {
      queue,
      callback: (_err, msg) => {
        const parent = contextFromHeaders(msg.headers);
        void inSpan(subject, { kind: SpanKind.SERVER, parent }, async () => {
          try {
            msg.respond(encodeJson(await handler(decodeJson<Req>(msg.data), msg)));
          } catch (error) {
            if (!(error instanceof GatewayError)) console.error(`${subject}: ${String(error)}`);
            // The subject is in the log, never in the answer: clients see no internal names.
            const failure =
              error instanceof GatewayError
                ? error
                : errors.internal('Internal error while answering this request.');
            msg.respond(encodeJson({ ok: false, ...failure.toWire() }));
          }
        });
      },
    });
  }

  subscribe(subject: string, queue: string | undefined, callback: (msg: Msg) => void): Subscription {
    return this.nc.subscribe(subject, { queue, callback: (_err, msg) => callback(msg) });
  }

  stream(
    subject: string,
    payload: Uint8Array,
    options: StreamOptions,
    headers?: Record<string, string>,
  ): AsyncGenerator<Frame> {
    this.streams ??= new FrameStreams(this.nc);
    return this.streams.request(subject, payload, options, headers);
  }

  async drain(): Promise<void> {
    this.attemptReports?.flush();
    if (!this.nc.isClosed()) await this.nc.drain();
  }
}

/** A connection that keeps reconnecting for as long as the service runs. */
export function connectNats(url: string, name: string): Promise<NatsConnection> {
  return connect({
    servers: natsServers(url),
    name,
    maxReconnectAttempts: -1,
    reconnectTimeWait: 500,
    // Capturing a stack trace at every request costs more than the request on the hot path.
    noAsyncTraces: true,
  });
}

function toMessagingError(error: unknown, subject: string, timeoutMs: number): unknown {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  if (cause instanceof natsErrors.NoRespondersError) {
    return new MessagingError('no-responders', `no service is answering ${subject}`);
  }
  if (cause instanceof natsErrors.TimeoutError) {
    return new MessagingError('timeout', `no answer on ${subject} within ${timeoutMs} ms`);
  }
  return error;
}
