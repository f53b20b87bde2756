import type { AttemptSummary, ChatJob } from '../../contracts';
import { convertMessage } from './convert-message';
import { convertUsage } from './convert-usage';
import { DeliveredText, type WrittenPiece } from '../shared/delivered-text';
import { estimateUsage } from '../shared/estimate-usage';
import { readProviderBody } from '../shared/read-provider-body';
import { nowInSeconds, responseEnvelope } from '../shared/response-envelope';
import { mapFinishReason } from './map-finish-reason';
import { chatCompletionSchema } from './openai-compatible-api';
import { isReasoningExcluded } from '../shared/openrouter-reasoning';
import { providerReportedError } from './provider-reported-error';

/**
 * A provider's whole (non-streaming) answer as the gateway returns it: OpenRouter's
 * `chat.completion`, under the gateway's generation id and the public model id, always with usage
 * (counted by the gateway when the provider sent none), and without the reasoning when the client
 * excluded it.
 * https://openrouter.ai/docs/api-reference/chat-completion
 */
export function translateCompletion(
  job: ChatJob,
  upstream: unknown,
): { body: string; summary: AttemptSummary } {
  const providerName = job.endpoint.providerName;
  const raw = JSON.stringify(upstream) ?? String(upstream);
  const completion = readProviderBody(providerName, chatCompletionSchema, upstream, raw, (body) =>
    providerReportedError(providerName, body, raw),
  );
  const includeReasoning = !isReasoningExcluded(job.request);
  const choices = completion.choices.map((choice, position) => ({
    index: choice.index ?? position,
    message: convertMessage(choice.message, { includeReasoning }),
    ...(choice.logprobs !== undefined && { logprobs: choice.logprobs }),
    finish_reason: mapFinishReason(choice.finish_reason),
    native_finish_reason: choice.finish_reason ?? null,
  }));
  const usage =
    convertUsage(completion.usage, job.endpoint.pricing) ?? estimateUsage(job, deliveredBy(choices), null);
  const body = {
    // 0 is what sanitised recordings and careless servers send; a client would show 1970.
    ...responseEnvelope(job, 'chat.completion', completion.created || nowInSeconds()),
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

function deliveredBy(choices: ReadonlyArray<{ message: WrittenPiece }>): DeliveredText {
  const delivered = new DeliveredText();
  for (const choice of choices) delivered.add(choice.message);
  return delivered;
}
