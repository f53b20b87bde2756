import type { Attributes } from '@opentelemetry/api';
import {
  ATTR_GEN_AI_OPERATION_NAME,
  ATTR_GEN_AI_PROVIDER_NAME,
  ATTR_GEN_AI_REQUEST_MAX_TOKENS,
  ATTR_GEN_AI_REQUEST_MODEL,
  ATTR_GEN_AI_REQUEST_STREAM,
  ATTR_GEN_AI_REQUEST_TEMPERATURE,
  ATTR_GEN_AI_REQUEST_TOP_P,
  ATTR_GEN_AI_RESPONSE_FINISH_REASONS,
  ATTR_GEN_AI_RESPONSE_MODEL,
  ATTR_GEN_AI_RESPONSE_TIME_TO_FIRST_CHUNK,
  ATTR_GEN_AI_USAGE_INPUT_TOKENS,
  ATTR_GEN_AI_USAGE_OUTPUT_TOKENS,
} from '@opentelemetry/semantic-conventions/incubating';
import type { ChatJob } from '../contracts';
import type { AttemptTiming } from './attempt-timing';

/**
 * The GenAI semantic conventions of one provider attempt, as its span starts: what is asked of
 * which provider and model.
 * https://opentelemetry.io/docs/specs/semconv/gen-ai/gen-ai-spans/
 */
export function genAiRequestAttributes(job: ChatJob): Attributes {
  const request = job.request;
  const maxTokens = request.max_completion_tokens ?? request.max_tokens;
  return {
    [ATTR_GEN_AI_OPERATION_NAME]: job.embeddings ? 'embeddings' : 'chat',
    [ATTR_GEN_AI_PROVIDER_NAME]: job.endpoint.providerId,
    [ATTR_GEN_AI_REQUEST_MODEL]: job.endpoint.upstreamModel,
    [ATTR_GEN_AI_REQUEST_STREAM]: job.stream,
    ...(typeof maxTokens === 'number' && { [ATTR_GEN_AI_REQUEST_MAX_TOKENS]: maxTokens }),
    ...(typeof request.temperature === 'number' && {
      [ATTR_GEN_AI_REQUEST_TEMPERATURE]: request.temperature,
    }),
    ...(typeof request.top_p === 'number' && { [ATTR_GEN_AI_REQUEST_TOP_P]: request.top_p }),
  };
}

/** …and as it ends: the model that answered, its token counts, finish reason and time to first chunk. */
export function genAiResponseAttributes(job: ChatJob, timing: AttemptTiming): Attributes {
  return {
    [ATTR_GEN_AI_RESPONSE_MODEL]: job.endpoint.upstreamModel,
    ...(timing.promptTokens !== null && { [ATTR_GEN_AI_USAGE_INPUT_TOKENS]: timing.promptTokens }),
    ...(timing.completionTokens !== null && { [ATTR_GEN_AI_USAGE_OUTPUT_TOKENS]: timing.completionTokens }),
    ...(timing.finishReason && { [ATTR_GEN_AI_RESPONSE_FINISH_REASONS]: [timing.finishReason] }),
    ...(timing.firstTokenAt !== null && {
      [ATTR_GEN_AI_RESPONSE_TIME_TO_FIRST_CHUNK]: (timing.firstTokenAt - timing.startedAt) / 1000,
    }),
  };
}
