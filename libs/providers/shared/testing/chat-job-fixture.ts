import type { ChatJob, ChatRequest } from '../../../contracts';

/** What a test changes of the default job: any top-level field, and the endpoint field by field. */
export type ChatJobOverrides = Partial<Omit<ChatJob, 'endpoint'>> & {
  endpoint?: Partial<ChatJob['endpoint']>;
};

/**
 * A `ChatJob` as tests need one: an OpenAI endpoint and a one-message request unless told otherwise.
 * `request` replaces the default request whole; `endpoint` is merged into the default endpoint.
 */
export function chatJob(overrides: ChatJobOverrides = {}): ChatJob {
  const { endpoint, ...fields } = overrides;
  const model = fields.model ?? 'openai/gpt-4.1-nano';
  return {
    generationId: 'gen-1',
    attempt: 1,
    model,
    stream: true,
    deadline: Date.now() + 60_000,
    request: { model, messages: [{ role: 'user', content: 'Hi' }] },
    ...fields,
    endpoint: {
      providerId: 'openai',
      providerName: 'OpenAI',
      upstreamModel: 'gpt-4.1-nano-2025-04-14',
      pricing: { prompt: 1e-6, completion: 2e-6, request: 0 },
      ...endpoint,
    },
  };
}

/** A one-message request for `model`, with `fields` added. */
export function chatRequest(model: string, fields: Partial<ChatRequest> = {}): ChatRequest {
  return { model, messages: [{ role: 'user', content: 'Hi' }], ...fields };
}
