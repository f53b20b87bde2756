import type { ProviderConfig } from '../../catalog';
import type { ChatJob } from '../../contracts';

/**
 * OpenRouter's request fields that steer the gateway itself. An upstream would reject them or read
 * them differently (OpenRouter's `reasoning` object is not OpenAI's `reasoning_effort`).
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
 * The upstream call for one attempt: the client's request as sent, addressed to the provider's own
 * model name, without what only the gateway understands.
 * https://platform.openai.com/docs/api-reference/chat/create
 */
export function buildChatRequest(
  job: ChatJob,
  provider: ProviderConfig,
  apiKey: string | undefined,
): { url: string; headers: Record<string, string>; body: string } {
  const body: Record<string, unknown> = {
    ...job.request,
    model: job.endpoint.upstreamModel,
    stream: job.stream,
  };
  for (const field of GATEWAY_ONLY_FIELDS) delete body[field];
  if (job.stream) {
    // Without it a streaming provider reports no usage, and the answer could not be priced.
    body.stream_options = { ...job.request.stream_options, include_usage: true };
  } else {
    // OpenAI rejects stream_options on a request that does not stream.
    delete body.stream_options;
  }
  return {
    url: `${provider.baseUrl}/chat/completions`,
    headers: {
      'content-type': 'application/json',
      accept: job.stream ? 'text/event-stream' : 'application/json',
      ...(apiKey && { authorization: `Bearer ${apiKey}` }),
      // Lower-cased so that an operator's `Authorization` replaces ours instead of doubling it.
      ...Object.fromEntries(
        Object.entries(provider.headers).map(([name, value]) => [name.toLowerCase(), value]),
      ),
    },
    body: JSON.stringify(body),
  };
}
