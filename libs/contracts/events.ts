import type { FinishReason } from './frames';

/** What happened to one attempt of a generation; OpenRouter calls the list `provider_responses`. */
export interface AttemptRecord {
  providerId: string;
  providerName: string;
  model: string;
  upstreamModel: string;
  /** Upstream HTTP status, or the gateway's own status when the attempt never reached the provider. */
  status: number;
  latencyMs: number;
  error?: string;
}

/** Published once per accepted request, when its answer ends (successfully or not). */
export interface GenerationEvent {
  id: string;
  createdAt: string;
  model: string;
  providerId: string | null;
  providerName: string | null;
  upstreamModel: string | null;
  upstreamId: string | null;
  streamed: boolean;
  cancelled: boolean;
  status: 'success' | 'error';
  errorCode: number | null;
  errorMessage: string | null;
  finishReason: FinishReason | null;
  nativeFinishReason: string | null;
  tokensPrompt: number;
  tokensCompletion: number;
  tokensReasoning: number;
  tokensCached: number;
  totalCost: number;
  /** ms from the request's arrival to its first byte to the client. */
  latencyMs: number | null;
  /** ms from the request's arrival to the answer's end. */
  generationTimeMs: number;
  attempts: AttemptRecord[];
  apiKeyId: string | null;
  user: string | null;
  sessionId: string | null;
}
