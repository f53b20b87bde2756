import type { ChatJob } from '../../contracts';
import { chatJob, chatRequest } from '../shared/testing/chat-job-fixture';
import { defaultCatalogEndpoints } from '../shared/testing/default-catalog-endpoints';
import { buildChatRequest } from './build-chat-request';

/** Every OpenAI-compatible endpoint of config/catalog.yaml, as this family would call it. */
const { catalog, endpoints } = defaultCatalogEndpoints('openai-compatible', {
  AZURE_OPENAI_RESOURCE: 'acme',
});

const jobFor = (model: string, endpoint: ChatJob['endpoint']): ChatJob =>
  chatJob({ model, endpoint, request: chatRequest(model, { max_tokens: 100 }) });

describe('the default catalog through buildChatRequest', () => {
  it.each(endpoints)('builds a request for $label', ({ model, endpoint }) => {
    const provider = catalog.provider(endpoint.providerId)!;
    const built = buildChatRequest(jobFor(model.id, catalog.endpointRef(model, endpoint)), provider, 'key');
    const url = new URL(built.url);
    expect(url.protocol).toMatch(/^https?:$/);
    expect(url.pathname).toMatch(/\/chat\/completions$/);
    expect(built.url).not.toContain('{model}');
    const body = JSON.parse(built.body);
    expect(body).toMatchObject({ model: endpoint.upstreamModel, stream: true });
    expect(body[provider.maxTokensField ?? 'max_tokens']).toBe(100);
  });

  it.each([
    {
      provider: 'openai',
      url: 'https://api.openai.com/v1/chat/completions',
      auth: { authorization: 'Bearer key' },
    },
    {
      provider: 'azure-openai',
      url: 'https://acme.openai.azure.com/openai/deployments/gpt-4o-mini/chat/completions?api-version=2024-10-21',
      auth: { 'api-key': 'key' },
    },
    { provider: 'ollama', url: 'http://127.0.0.1:11434/v1/chat/completions', auth: {} },
    { provider: 'vllm', url: 'http://127.0.0.1:8000/v1/chat/completions', auth: {} },
    {
      provider: 'perplexity',
      url: 'https://api.perplexity.ai/chat/completions',
      auth: { authorization: 'Bearer key' },
    },
  ])('calls $provider at $url', ({ provider: providerId, url, auth }) => {
    const { model, endpoint } = endpoints.find(({ endpoint }) => endpoint.providerId === providerId)!;
    const provider = catalog.provider(providerId)!;
    const built = buildChatRequest(jobFor(model.id, catalog.endpointRef(model, endpoint)), provider, 'key');
    expect(built.url).toBe(url);
    expect(built.headers).toEqual({
      'content-type': 'application/json',
      accept: 'text/event-stream',
      ...auth,
    });
  });
});
