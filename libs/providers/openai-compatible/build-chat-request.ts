import type { ProviderConfig } from '../../catalog';
import type { ChatJob } from '../../contracts';
import type { UpstreamRequest } from '../provider-adapter';
import { authHeaders } from './auth-headers';
import { chatCompletionsUrl } from './chat-completions-url';
import { keepSupportedParameters } from '../shared/keep-supported-parameters';
import { mapReasoningEffort } from './map-reasoning-effort';
import { readReasoningRequest } from '../shared/openrouter-reasoning';
import { placeOutputLimit } from './place-output-limit';
import { operatorHeaders } from '../shared/operator-headers';

/**
 * OpenRouter's request fields that steer the gateway itself. An upstream would reject them or read
 * them differently (OpenRouter's `reasoning` object becomes OpenAI's `reasoning_effort` below).
 * https://openrouter.ai/docs/api-reference/parameters
 */
const GATEWAY_ONLY_FIELDS = [
  'models',
  'provider',
  'route',
  'session_id',
  'usage',
  'transforms',
  'reasoning',
  'include_reasoning',
  'plugins',
  'debug',
] as const;

/**
 * The upstream call for one attempt: the client's request addressed to the provider's own model
 * name, in the provider's dialect (auth header, query, output-limit field, `reasoning_effort`),
 * without what only the gateway understands or what the endpoint does not support. The model stays
 * in the body when it is also in the path: Azure ignores it there, and its own SDKs send it too.
 * https://platform.openai.com/docs/api-reference/chat/create
 */
export function buildChatRequest(
  job: ChatJob,
  provider: ProviderConfig,
  apiKey: string | undefined,
): UpstreamRequest {
  const upstreamModel = job.endpoint.upstreamModel;
  const body: Record<string, unknown> = { ...job.request, model: upstreamModel, stream: job.stream };
  for (const field of GATEWAY_ONLY_FIELDS) delete body[field];
  if (job.stream) {
    // Without it a streaming provider reports no usage, and the answer could not be priced.
    body.stream_options = { ...job.request.stream_options, include_usage: true };
  } else {
    // OpenAI rejects stream_options on a request that does not stream.
    delete body.stream_options;
  }
  const outputLimit = job.request.max_completion_tokens ?? job.request.max_tokens ?? undefined;
  const effort = mapReasoningEffort(readReasoningRequest(job.request), outputLimit);
  if (effort) body.reasoning_effort = effort;
  const sent = keepSupportedParameters(
    placeOutputLimit(body, provider.maxTokensField ?? 'max_tokens'),
    job.endpoint.supportedParameters,
  );
  return {
    url: chatCompletionsUrl(provider, upstreamModel),
    headers: {
      'content-type': 'application/json',
      accept: job.stream ? 'text/event-stream' : 'application/json',
      ...authHeaders(provider.auth ?? 'bearer', apiKey),
      ...operatorHeaders(provider),
    },
    body: JSON.stringify(sent),
  };
}
