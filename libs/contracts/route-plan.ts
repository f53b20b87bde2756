import type { ProviderPreferences } from './chat-request';
import type { WireError } from './errors';

/** What planning reads of a request: only the fields that steer routing, never the prompt. */
export interface RouteRequest {
  model?: string;
  models?: string[];
  provider?: ProviderPreferences | null;
  route?: 'fallback' | null;
  /** Sticky routing: a session stays on the endpoint that served it (body `session_id` or `x-session-id`). */
  sessionId?: string | null;
  /** The end user, for sticky experiment variants. */
  user?: string | null;
  /** The request parameters in use, for `provider.require_parameters`. */
  parameters?: string[];
  /** The request's output limit (`max_completion_tokens` or `max_tokens`), against endpoints' maxima. */
  maxTokens?: number;
  /** What is asked: a chat answer (absent) or embeddings, which only embedding models give. */
  operation?: 'embeddings';
  /** Providers the key has its own credential for (BYOK): tried first, on their BYOK subject. */
  byokProviders?: string[];
}

/** Prices in USD per token, as OpenRouter publishes them. */
export interface TokenPricing {
  prompt: number;
  completion: number;
  request: number;
  /** A prompt token read from the provider's cache; absent: the prompt price. */
  inputCacheRead?: number;
  /** A prompt token written to the provider's cache; absent: the prompt price. */
  inputCacheWrite?: number;
}

/** One provider endpoint serving one model: enough for a worker to call it and price it. */
export interface EndpointRef {
  providerId: string;
  providerName: string;
  upstreamModel: string;
  pricing: TokenPricing;
  /**
   * The request parameters this endpoint accepts (OpenRouter's `supported_parameters`); a worker
   * drops the others rather than have the provider reject them. Absent: no filtering.
   */
  supportedParameters?: string[];
  /** The most tokens the endpoint answers with; a larger `max_tokens` is clamped to it. */
  maxCompletionTokens?: number;
}

/** The preset (`@preset/<slug>`) a request named, and the variant (A/B arm) it was given. */
export interface PresetChoice {
  name: string;
  variant: string;
}

export interface PlannedAttempt {
  /** The public model id (`author/slug`) this attempt serves. */
  model: string;
  /** Where the job is sent: the worker queue of the endpoint's provider. */
  subject: string;
  endpoint: EndpointRef;
  /** Set when the request named a preset; every attempt of the plan carries the same. */
  preset?: PresetChoice;
  /** Request parameters the preset variant sets (e.g. temperature); they override the client's. */
  parameters?: Record<string, unknown>;
}

export type RoutePlan = { ok: true; attempts: PlannedAttempt[] } | ({ ok: false } & WireError);
