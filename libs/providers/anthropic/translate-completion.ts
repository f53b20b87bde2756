import type { AttemptSummary, ChatJob } from '../../contracts';
import { readProviderBody } from '../shared/read-provider-body';
import { nowInSeconds, responseEnvelope } from '../shared/response-envelope';
import { isReasoningExcluded } from '../shared/openrouter-reasoning';
import { messageSchema } from './anthropic-api';
import { reportedAnthropicError } from './anthropic-error';
import { convertContent } from './convert-content';
import { convertUsage } from './convert-usage';
import { DeliveredText } from '../shared/delivered-text';
import { estimateUsage } from '../shared/estimate-usage';
import { mapStopReason } from './map-stop-reason';
import { answersThroughJsonTool } from './response-format';
import { supportedRequest } from './supported-request';

/**
 * Anthropic's whole (non-streaming) message as the gateway returns it: OpenRouter's
 * `chat.completion`, under the gateway's generation id and the public model id, always with usage
 * (counted by the gateway when Anthropic's is missing).
 * A refusal carries Anthropic's explanation, when it gives one, as the message's `refusal`.
 * https://platform.claude.com/docs/en/api/messages
 * https://openrouter.ai/docs/api-reference/chat-completion
 */
export function translateCompletion(
  job: ChatJob,
  upstream: unknown,
): { body: string; summary: AttemptSummary } {
  const providerName = job.endpoint.providerName;
  const raw = JSON.stringify(upstream) ?? String(upstream);
  const answer = readProviderBody(providerName, messageSchema, upstream, raw, (body) =>
    reportedAnthropicError(body, raw, { name: providerName }),
  );
  const request = supportedRequest(job);
  const answeredThroughJsonTool = answersThroughJsonTool(request);
  const message = convertContent(answer.content, {
    answeredThroughJsonTool,
    excludeReasoning: isReasoningExcluded(request),
  });
  const refusal = answer.stop_reason === 'refusal' ? answer.stop_details?.explanation : undefined;
  const finishReason = mapStopReason(answer.stop_reason, answeredThroughJsonTool);
  const nativeFinishReason = answer.stop_reason ?? null;
  const delivered = new DeliveredText();
  delivered.add({ ...message, refusal });
  const usage = convertUsage(answer.usage, job.endpoint.pricing) ?? estimateUsage(job, delivered, null);
  const body = {
    // Anthropic's message says nothing of when it was made.
    ...responseEnvelope(job, 'chat.completion', nowInSeconds()),
    choices: [
      {
        index: 0,
        message: { ...message, ...(refusal && { refusal }) },
        finish_reason: finishReason,
        native_finish_reason: nativeFinishReason,
      },
    ],
    usage,
  };
  return {
    body: JSON.stringify(body),
    summary: { finishReason, nativeFinishReason, usage, upstreamId: answer.id ?? null },
  };
}
