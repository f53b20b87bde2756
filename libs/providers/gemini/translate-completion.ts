import type { AttemptSummary, ChatJob } from '../../contracts';
import { readProviderBody } from '../shared/read-provider-body';
import { nowInSeconds, responseEnvelope } from '../shared/response-envelope';
import { reportedGeminiError } from './classify-error';
import { convertCandidateParts } from './convert-candidate';
import { convertUsage } from './convert-usage';
import { DeliveredText } from '../shared/delivered-text';
import { estimateUsage } from '../shared/estimate-usage';
import { generateContentResponseSchema } from './gemini-api';
import { mapFinishReason } from './map-finish-reason';

/**
 * Gemini's whole (non-streaming) answer as OpenRouter's `chat.completion`, under the gateway's
 * generation id and the public model id, always with usage (counted by the gateway when Gemini's
 * is missing). Only the first candidate is read: the
 * gateway asks for one. A prompt Gemini blocked has no candidate, only `promptFeedback.blockReason`,
 * which becomes `content_filter`.
 * https://ai.google.dev/api/generate-content#v1beta.GenerateContentResponse
 */
export function translateCompletion(
  job: ChatJob,
  upstream: unknown,
): { body: string; summary: AttemptSummary } {
  const providerName = job.endpoint.providerName;
  const raw = JSON.stringify(upstream) ?? String(upstream);
  const response = readProviderBody(providerName, generateContentResponseSchema, upstream, raw, (body) =>
    reportedGeminiError(body, raw, { name: providerName }),
  );
  const candidate = response.candidates?.[0];
  const message = convertCandidateParts(candidate?.content?.parts ?? [], job.generationId);
  const blockReason = candidate ? undefined : response.promptFeedback?.blockReason;
  const nativeFinishReason = candidate?.finishReason ?? blockReason ?? null;
  const finishReason = blockReason
    ? 'content_filter'
    : mapFinishReason(nativeFinishReason, !!message.tool_calls);
  const delivered = new DeliveredText();
  delivered.add(message);
  const usage =
    convertUsage(response.usageMetadata, job.endpoint.pricing) ?? estimateUsage(job, delivered, null);
  const body = {
    ...responseEnvelope(job, 'chat.completion', nowInSeconds()),
    choices: [{ index: 0, message, finish_reason: finishReason, native_finish_reason: nativeFinishReason }],
    usage,
  };
  return {
    body: JSON.stringify(body),
    summary: { finishReason, nativeFinishReason, usage, upstreamId: response.responseId ?? null },
  };
}
