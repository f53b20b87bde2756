import type { AttemptSummary, ChatJob } from '../../contracts';
import { convertMessage } from './convert-message';
import { convertUsage } from './convert-usage';
import { invalidResponseError } from './invalid-response-error';
import { mapFinishReason } from './map-finish-reason';
import { chatCompletionSchema } from './openai-compatible-api';
import { isReasoningExcluded } from './openrouter-reasoning';
import { providerReportedError } from './provider-reported-error';

/**
 * A provider's whole (non-streaming) answer as the gateway returns it: OpenRouter's
 * `chat.completion`, under the gateway's generation id and the public model id, always with usage,
 * and without the reasoning when the client excluded it.
 * https://openrouter.ai/docs/api-reference/chat-completion
 */
export function translateCompletion(
  job: ChatJob,
  upstream: unknown,
): { body: string; summary: AttemptSummary } {
  const providerName = job.endpoint.providerName;
  const raw = JSON.stringify(upstream) ?? String(upstream);
  const reported = providerReportedError(providerName, upstream, raw);
  if (reported) throw reported;
  const parsed = chatCompletionSchema.safeParse(upstream);
  if (!parsed.success) throw invalidResponseError(providerName, raw, parsed.error);

  const completion = parsed.data;
  const usage = convertUsage(completion.usage, job.endpoint.pricing);
  const includeReasoning = !isReasoningExcluded(job.request);
  const choices = completion.choices.map((choice, position) => ({
    index: choice.index ?? position,
    message: convertMessage(choice.message, { includeReasoning }),
    ...(choice.logprobs !== undefined && { logprobs: choice.logprobs }),
    finish_reason: mapFinishReason(choice.finish_reason),
    native_finish_reason: choice.finish_reason ?? null,
  }));
  const body = {
    id: job.generationId,
    object: 'chat.completion',
    // 0 is what sanitised recordings and careless servers send; a client would show 1970.
    created: completion.created || Math.floor(Date.now() / 1000),
    model: job.model,
    provider: providerName,
    choices,
    usage,
  };
  return {
    body: JSON.stringify(body),
    summary: {
      finishReason: choices[0].finish_reason,
      nativeFinishReason: choices[0].native_finish_reason,
      usage,
      upstreamId: completion.id ?? null,
    },
  };
}
