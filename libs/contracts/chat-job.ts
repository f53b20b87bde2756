import type { ChatRequest } from './chat-request';
import type { EndpointRef, PlannedAttempt } from './route-plan';
import type { EmbeddingsRequest } from './embeddings-request';

/**
 * What ingress sends once per request: the same bytes go to the worker of every attempt, each
 * with its own AttemptAssignment header.
 */
export interface ChatJobBody {
  generationId: string;
  stream: boolean;
  /** Epoch ms after which the answer is of no use; the worker aborts the upstream call then. */
  deadline: number;
  /** How slow a provider may be before the worker gives up on the attempt; absent: DEFAULT_PATIENCE. */
  patience?: ProviderPatience;
  request: ChatRequest;
  /**
   * Set when the job asks for embeddings of these inputs rather than a chat answer; `request` then
   * holds the same inputs as user messages, so that they are counted and priced as a prompt.
   */
  embeddings?: EmbeddingsRequest;
  /**
   * The key's own provider credentials (BYOK), sealed: only a worker holding
   * SWITCHYARD_ENCRYPTION_KEY opens one, for the one call it makes with it.
   */
  byok?: { keyHash: string; credentials: Record<string, SealedCredential> };
}

export interface ProviderPatience {
  /** How long the provider may take to start answering (for a whole answer: to send it). */
  firstTokenMs: number;
  /** How long a started stream may stay silent. */
  idleMs: number;
}

/** Ingress's defaults (SWITCHYARD_FIRST_TOKEN_TIMEOUT_MS, SWITCHYARD_STREAM_IDLE_TIMEOUT_MS). */
export const DEFAULT_PATIENCE: ProviderPatience = { firstTokenMs: 60_000, idleMs: 60_000 };

/**
 * What travels instead of a ChatJobBody too large for one NATS message: the name of the object,
 * in the namespace's job-body store, that holds the body's bytes.
 */
export interface StoredJobBody {
  generationId: string;
  storedBody: string;
}

/** A BYOK credential as it travels: sealed (see CredentialCipher), never in the clear. */
export interface SealedCredential {
  sealed: string;
  /**
   * OpenRouter's "Always use for this provider": when true (the default), a failure of this
   * credential is the answer; when false, the gateway's own credential for the provider is tried next.
   */
  alwaysUse: boolean;
}

/** Which attempt a job is, and for which endpoint: a header beside the job's bytes. */
export interface AttemptAssignment {
  attempt: number;
  model: string;
  endpoint: EndpointRef;
  /** Request parameters the plan sets (a preset variant's); the worker merges them into the request. */
  parameters?: Record<string, unknown>;
}

/** The header that gives a planned attempt, as attempt number `attempt`, to its worker. */
export function assignmentHeader(attempt: number, planned: PlannedAttempt): Record<string, string> {
  const assignment: AttemptAssignment = {
    attempt,
    model: planned.model,
    endpoint: planned.endpoint,
    ...(planned.parameters && { parameters: planned.parameters }),
  };
  return { [ATTEMPT_HEADER]: JSON.stringify(assignment) };
}

/** The header that carries the AttemptAssignment to a worker. */
export const ATTEMPT_HEADER = 'Sy-Attempt';

/** One attempt as the worker sees it. */
export type ChatJob = ChatJobBody & AttemptAssignment;
