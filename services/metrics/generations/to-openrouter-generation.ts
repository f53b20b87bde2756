import type { FinishReason } from '../../../libs/contracts';
import type { GenerationRecord } from './generation-record.entity';

export interface OpenRouterProviderResponse {
  provider_name: string;
  model: string;
  status: number;
  latency: number;
  error?: string;
}

/**
 * The `data` of OpenRouter's GET /api/v1/generation, so clients written against OpenRouter read our
 * records unchanged. Fields OpenRouter fills from features we do not have (apps, moderation, media,
 * web search, cache discounts) are present with their "none" value. `total_cost` and `usage` are
 * what was charged on the gateway's credentials; with BYOK, `upstream_inference_cost` is what the
 * provider billed the key's owner.
 * https://openrouter.ai/docs/api/api-reference/generations/get-generation
 */
export interface OpenRouterGeneration {
  id: string;
  upstream_id: string | null;
  total_cost: number;
  upstream_inference_cost: number | null;
  cache_discount: null;
  created_at: string;
  model: string;
  app_id: null;
  streamed: boolean;
  cancelled: boolean;
  provider_name: string | null;
  latency: number | null;
  moderation_latency: null;
  generation_time: number;
  finish_reason: FinishReason | null;
  native_finish_reason: string | null;
  tokens_prompt: number;
  tokens_completion: number;
  native_tokens_prompt: number;
  native_tokens_completion: number;
  native_tokens_reasoning: number;
  native_tokens_cached: number;
  /**
   * Ours, not OpenRouter's: the provider sent no usage (or the stream ended before it did), so the
   * tokens, and the cost, are the gateway's count of the prompt and of what was delivered.
   */
  usage_estimated: boolean;
  /** Ours too: the ms the gateway added (its whole time less the provider's); null unless served. */
  gateway_overhead_ms: number | null;
  num_media_prompt: null;
  num_media_completion: null;
  num_search_results: null;
  /** The request's `HTTP-Referer`, as OpenRouter shows it; '' without one. */
  origin: string;
  /** Ours: the request's `X-Title` (OpenRouter's app name), else null. */
  app_title: string | null;
  /** Ours: request parameters the serving endpoint does not take, which its worker left out. */
  dropped_parameters: string[];
  usage: number;
  is_byok: boolean;
  provider_responses: OpenRouterProviderResponse[];
  status: 'success' | 'error';
  error: { code: number; message: string } | null;
  user: string | null;
  session_id: string | null;
  /** Ours, not OpenRouter's: the preset and variant that served the request, when it named a preset. */
  preset: string | null;
  variant: string | null;
}

export function toOpenRouterGeneration(record: GenerationRecord): OpenRouterGeneration {
  return {
    id: record.id,
    upstream_id: record.upstreamId,
    total_cost: record.totalCost,
    upstream_inference_cost: record.upstreamInferenceCost,
    cache_discount: null,
    created_at: record.createdAt.toISOString(),
    model: record.model,
    app_id: null,
    streamed: record.streamed,
    cancelled: record.cancelled,
    provider_name: record.providerName,
    latency: record.latencyMs,
    moderation_latency: null,
    generation_time: record.generationTimeMs,
    finish_reason: record.finishReason,
    native_finish_reason: record.nativeFinishReason,
    // OpenRouter's plain counts are in a normalised tokenizer; we only know the provider's own counts.
    tokens_prompt: record.tokensPrompt,
    tokens_completion: record.tokensCompletion,
    native_tokens_prompt: record.tokensPrompt,
    native_tokens_completion: record.tokensCompletion,
    native_tokens_reasoning: record.tokensReasoning,
    native_tokens_cached: record.tokensCached,
    usage_estimated: record.usageEstimated,
    gateway_overhead_ms: record.gatewayOverheadMs,
    num_media_prompt: null,
    num_media_completion: null,
    num_search_results: null,
    origin: record.appReferer ?? '',
    app_title: record.appTitle,
    dropped_parameters: record.droppedParameters,
    usage: record.totalCost,
    is_byok: record.isByok,
    provider_responses: record.providerResponses.map((attempt) => ({
      provider_name: attempt.providerName,
      model: attempt.model,
      status: attempt.status,
      latency: attempt.latencyMs,
      ...(attempt.error === undefined ? {} : { error: attempt.error }),
    })),
    status: record.status,
    // A failed generation always reports an error; without a recorded status it was the gateway's own.
    error:
      record.status === 'error'
        ? { code: record.errorCode ?? 500, message: record.errorMessage ?? 'Generation failed' }
        : null,
    user: record.userId,
    session_id: record.sessionId,
    preset: record.preset,
    variant: record.variant,
  };
}
