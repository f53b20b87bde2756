/**
 * Errors as values with a type. Every failure that reaches a client is a GatewayError and leaves
 * the gateway in OpenRouter's shape: `{"error":{"code":N,"message":"…","metadata":{…}}}`.
 */
export interface ErrorBody {
  code: number;
  message: string;
  metadata?: Record<string, unknown>;
}

export interface GatewayErrorInit {
  status: number;
  message: string;
  metadata?: Record<string, unknown>;
  /** True when another endpoint (or a later try) may succeed: ingress falls back on it. */
  retryable?: boolean;
  /** What another try may use, when retryable; `endpoint` when unset. */
  retryScope?: RetryScope;
  retryAfterMs?: number;
  /** HTTP headers the answer carries (a 429's `Retry-After` and `X-RateLimit-*`). */
  headers?: Record<string, string>;
}

/**
 * - `endpoint`: the endpoint failed (overloaded, down, slow): fall back to the next one now, and
 *   try this one again only in a later round, after its Retry-After or a backoff.
 * - `provider`: the provider answered something unusable (a malformed body or stream); the same
 *   software would answer the same, so none of its endpoints is tried again for this request.
 * - `replica`: the process serving the attempt was lost, not the provider: the same endpoint is
 *   tried again at once, on another replica.
 */
export type RetryScope = 'endpoint' | 'provider' | 'replica';

export class GatewayError extends Error {
  readonly status: number;
  readonly metadata?: Record<string, unknown>;
  readonly retryable: boolean;
  readonly retryScope: RetryScope;
  readonly retryAfterMs?: number;
  readonly headers?: Record<string, string>;

  constructor(init: GatewayErrorInit) {
    super(init.message);
    this.name = 'GatewayError';
    this.status = init.status;
    this.metadata = init.metadata;
    this.retryable = init.retryable ?? false;
    this.retryScope = init.retryScope ?? 'endpoint';
    this.retryAfterMs = init.retryAfterMs;
    this.headers = init.headers;
  }

  toBody(): ErrorBody {
    return this.metadata
      ? { code: this.status, message: this.message, metadata: this.metadata }
      : { code: this.status, message: this.message };
  }

  toWire(): WireError {
    return {
      error: this.toBody(),
      retryable: this.retryable,
      ...(this.retryScope !== 'endpoint' && { retryScope: this.retryScope }),
      retryAfterMs: this.retryAfterMs,
    };
  }

  /** Headers do not travel; a refusal that says when to come back gets its `Retry-After` again here. */
  static fromWire(wire: WireError): GatewayError {
    const headers = retryAfterHeader(wire.error.code, wire.retryAfterMs);
    return new GatewayError({
      status: wire.error.code,
      message: wire.error.message,
      metadata: wire.error.metadata,
      retryable: wire.retryable,
      retryScope: wire.retryScope,
      retryAfterMs: wire.retryAfterMs,
      ...(headers && { headers }),
    });
  }
}

/**
 * `Retry-After` (whole seconds, rounded up) for a 429 or 503: the provider's own advice when it gave
 * one, else a second, so that a client that honours it backs off instead of hammering.
 */
function retryAfterHeader(
  status: number,
  retryAfterMs: number | undefined,
): Record<string, string> | undefined {
  if (status !== 429 && status !== 503) return undefined;
  if (status === 503 && retryAfterMs === undefined) return undefined;
  return { 'Retry-After': String(Math.max(1, Math.ceil((retryAfterMs ?? 1000) / 1000))) };
}

/** How an error travels between services (an error frame, a failed plan). */
export interface WireError {
  error: ErrorBody;
  retryable: boolean;
  retryScope?: RetryScope;
  retryAfterMs?: number;
}

export const errors = {
  badRequest: (message: string, metadata?: Record<string, unknown>) =>
    new GatewayError({ status: 400, message, metadata }),
  unauthorized: (message = 'Missing or invalid API key. Send it as "Authorization: Bearer <key>".') =>
    new GatewayError({ status: 401, message }),
  /** A key that is valid but may not do this (OpenRouter: management-only routes, an exhausted limit). */
  forbidden: (message: string, metadata?: Record<string, unknown>) =>
    new GatewayError({ status: 403, message, metadata }),
  notFound: (message: string, metadata?: Record<string, unknown>) =>
    new GatewayError({ status: 404, message, metadata }),
  payloadTooLarge: (limitBytes: number) =>
    new GatewayError({
      status: 413,
      message: `Request body is larger than the gateway accepts (${limitBytes} bytes). Shorten the prompt or send images by URL.`,
      metadata: { limit_bytes: limitBytes },
    }),
  timeout: (message: string, metadata?: Record<string, unknown>) =>
    new GatewayError({ status: 408, message, metadata, retryable: true }),
  noProvider: (message: string, metadata?: Record<string, unknown>) =>
    new GatewayError({ status: 503, message, metadata }),
  internal: (message: string) => new GatewayError({ status: 500, message }),
  upstreamCut: (providerName: string) =>
    new GatewayError({
      status: 502,
      message: `${providerName} closed the stream before the answer was complete.`,
      metadata: { provider_name: providerName },
      retryable: true,
    }),
  cancelled: () => new GatewayError({ status: 499, message: 'The client closed the request.' }),
  /** The process serving an attempt (a worker) went silent: another replica may serve it. */
  serviceLost: (message: string, metadata?: Record<string, unknown>) =>
    new GatewayError({ status: 502, message, metadata, retryable: true, retryScope: 'replica' }),
  /** The gateway's connection to NATS is down: nothing can be routed until it is back. */
  busDown: (retryAfterSeconds: number) =>
    new GatewayError({
      status: 503,
      message: 'The gateway lost its connection to its message bus; try again in a few seconds.',
      retryAfterMs: retryAfterSeconds * 1000,
      headers: { 'Retry-After': String(retryAfterSeconds) },
    }),
};
