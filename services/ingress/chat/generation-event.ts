import type { ChatRequest, GenerationEvent } from '../../../libs/contracts';
import { unsupportedParameters } from '../../../libs/catalog';
import type { AppAttribution } from './app-attribution';
import type { RunResult } from './attempt-runner';
import { chargeOf } from './charge';

export interface GenerationFacts {
  generationId: string;
  receivedAt: number;
  firstByteAt: number | null;
  finishedAt: number;
  request: ChatRequest;
  stream: boolean;
  cancelled: boolean;
  apiKeyId: string | null;
  /** The request's parameters, to tell which the serving endpoint does not take. */
  parameters: string[];
  result: RunResult;
  app?: AppAttribution;
}

/** A record keeps the start of a provider's error message: enough to read, bounded in size. */
const MAX_ERROR_CHARS = 2000;
const clip = (text: string) => (text.length > MAX_ERROR_CHARS ? `${text.slice(0, MAX_ERROR_CHARS)}…` : text);

/** The record of one request, as metrics stores it; built once the answer has ended. */
export function buildGenerationEvent(facts: GenerationFacts): GenerationEvent {
  const { result, request } = facts;
  const endpoint = result.served?.endpoint;
  const usage = result.summary?.usage;
  const charge = chargeOf(result.summary);
  return {
    id: facts.generationId,
    createdAt: new Date(facts.receivedAt).toISOString(),
    model: result.served?.model ?? request.model ?? request.models?.[0] ?? '',
    providerId: endpoint?.providerId ?? null,
    providerName: endpoint?.providerName ?? null,
    upstreamModel: endpoint?.upstreamModel ?? null,
    upstreamId: result.summary?.upstreamId ?? null,
    streamed: facts.stream,
    cancelled: facts.cancelled,
    status: result.error ? 'error' : 'success',
    errorCode: result.error?.status ?? null,
    errorMessage: result.error ? clip(result.error.message) : null,
    finishReason: result.summary?.finishReason ?? (result.error ? 'error' : null),
    nativeFinishReason: result.summary?.nativeFinishReason ?? null,
    tokensPrompt: usage?.prompt_tokens ?? 0,
    tokensCompletion: usage?.completion_tokens ?? 0,
    tokensReasoning: usage?.completion_tokens_details?.reasoning_tokens ?? 0,
    tokensCached: usage?.prompt_tokens_details?.cached_tokens ?? 0,
    usageEstimated: usage?.usage_estimated === true,
    totalCost: charge.totalCost,
    isByok: charge.isByok,
    upstreamInferenceCost: charge.upstreamInferenceCost,
    latencyMs: facts.firstByteAt === null ? null : facts.firstByteAt - facts.receivedAt,
    generationTimeMs: facts.finishedAt - facts.receivedAt,
    gatewayOverheadMs: result.overheadMs ?? null,
    attempts: result.attempts.map((a) => (a.error === undefined ? a : { ...a, error: clip(a.error) })),
    apiKeyId: facts.apiKeyId,
    user: request.user ?? null,
    sessionId: request.session_id ?? null,
    preset: result.served?.preset?.name ?? null,
    variant: result.served?.preset?.variant ?? null,
    appReferer: facts.app?.referer ?? null,
    appTitle: facts.app?.title ?? null,
    droppedParameters: endpoint ? unsupportedParameters(facts.parameters, endpoint.supportedParameters) : [],
  };
}
