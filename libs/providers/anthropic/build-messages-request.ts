import type { ProviderConfig } from '../../catalog';
import type { ChatJob, ChatRequest } from '../../contracts';
import { readReasoningRequest } from '../shared/openrouter-reasoning';
import type { UpstreamRequest } from '../provider-adapter';
import { thinkingStyle } from './claude-thinking-style';
import { convertMessages } from './convert-messages';
import { convertTools } from './convert-tools';
import { acceptsSamplingParameters, messagesHeaders } from './messages-headers';
import { planThinking } from './plan-thinking';
import { answersThroughJsonTool, jsonTool, jsonToolChoice, structuredOutputFormat } from './response-format';
import { supportedRequest } from './supported-request';

/**
 * Anthropic requires `max_tokens`; OpenRouter's default for Claude when the client gives none.
 * https://platform.claude.com/docs/en/api/messages#body-max-tokens
 */
const DEFAULT_MAX_TOKENS = 4096;

/**
 * The upstream call for one attempt: `POST {base_url}/messages` with the client's request in
 * Anthropic's terms, addressed to the provider's own model name. What Anthropic has no word for
 * (`seed`, the penalties, `logprobs`, `n`) is not sent.
 * https://platform.claude.com/docs/en/api/messages
 */
export function buildMessagesRequest(
  job: ChatJob,
  provider: ProviderConfig,
  apiKey: string | undefined,
): UpstreamRequest {
  const request = supportedRequest(job);
  const headers = messagesHeaders(provider, apiKey, job.stream);
  const prompt = convertMessages(request.messages);
  const plan = planThinking(
    readReasoningRequest(request),
    thinkingStyle(job.endpoint.upstreamModel),
    request.max_completion_tokens ?? request.max_tokens ?? DEFAULT_MAX_TOKENS,
  );
  const format = structuredOutputFormat(request);
  const outputConfig = { ...(plan.effort && { effort: plan.effort }), ...(format && { format }) };
  const body = {
    model: job.endpoint.upstreamModel,
    max_tokens: plan.maxTokens,
    ...(prompt.system && { system: prompt.system }),
    messages: prompt.messages,
    ...stopSequences(request.stop),
    // Anthropic takes no sampling parameters with thinking, nor from API version 2026-10-21 on.
    ...(!plan.thinking && acceptsSamplingParameters(headers) && samplingParameters(request)),
    ...toolFields(request),
    ...(plan.thinking && { thinking: plan.thinking }),
    ...(Object.keys(outputConfig).length > 0 && { output_config: outputConfig }),
    ...(typeof job.request.user === 'string' &&
      job.request.user && { metadata: { user_id: job.request.user } }),
    ...(job.stream && { stream: true }),
  };
  return { url: `${provider.baseUrl}/messages`, headers, body: JSON.stringify(body) };
}

function stopSequences(stop: ChatRequest['stop']): { stop_sequences?: string[] } {
  const sequences = typeof stop === 'string' ? [stop] : (stop ?? []);
  return sequences.length > 0 ? { stop_sequences: sequences } : {};
}

/**
 * OpenAI's temperature goes to 2, Anthropic's to 1: a hotter request gets Anthropic's hottest. Claude
 * 4.5 answers `temperature` and `top_p` together with a 400, so `top_p` goes only without a temperature.
 * https://platform.claude.com/docs/en/about-claude/models/migrating-to-claude-4
 */
function samplingParameters(request: ChatRequest): { temperature?: number; top_p?: number; top_k?: number } {
  return {
    ...(request.temperature != null && { temperature: Math.min(request.temperature, 1) }),
    ...(request.top_p != null && request.temperature == null && { top_p: request.top_p }),
    ...(request.top_k != null && { top_k: request.top_k }),
  };
}

/** The client's tools, with the `json` tool forced when a JSON answer is asked without a schema. */
function toolFields(request: ChatRequest) {
  const { tools, tool_choice } = convertTools(request);
  if (answersThroughJsonTool(request)) {
    return { tools: [...(tools ?? []), jsonTool], tool_choice: jsonToolChoice };
  }
  return { ...(tools && { tools }), ...(tool_choice && { tool_choice }) };
}
