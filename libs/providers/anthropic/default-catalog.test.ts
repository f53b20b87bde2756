import type { ChatJob } from '../../contracts';
import { chatJob, chatRequest } from '../shared/testing/chat-job-fixture';
import { defaultCatalogEndpoints } from '../shared/testing/default-catalog-endpoints';
import { buildMessagesRequest } from './build-messages-request';

/** Every Anthropic endpoint of config/catalog.yaml, as this family would call it. */
const { catalog, endpoints } = defaultCatalogEndpoints('anthropic');

const jobFor = (model: string, endpoint: ChatJob['endpoint']): ChatJob =>
  chatJob({
    model,
    endpoint,
    request: chatRequest(model, { max_tokens: 100, temperature: 0.5, reasoning: { effort: 'high' } }),
  });

describe('the default catalog through buildMessagesRequest', () => {
  it('has Anthropic endpoints', () => {
    expect(endpoints.map(({ label }) => label)).toEqual(
      expect.arrayContaining([
        'anthropic/claude-opus-5.5 on anthropic',
        'switchyard/echo-anthropic on simulator-anthropic',
      ]),
    );
  });

  it.each(endpoints)('builds a request for $label', ({ model, endpoint }) => {
    const provider = catalog.provider(endpoint.providerId)!;
    const built = buildMessagesRequest(
      jobFor(model.id, catalog.endpointRef(model, endpoint)),
      provider,
      'key',
    );
    expect(new URL(built.url).pathname).toMatch(/\/v1\/messages$/);
    const body = JSON.parse(built.body);
    expect(body).toMatchObject({ model: endpoint.upstreamModel, stream: true, thinking: expect.any(Object) });
    expect(body.max_tokens).toBeGreaterThan(body.thinking.budget_tokens ?? 0);
    // Thinking takes no sampling parameters.
    expect(body).not.toHaveProperty('temperature');
  });

  it.each([
    { model: 'anthropic/claude-opus-5.5', thinking: { type: 'adaptive', display: 'summarized' } },
    { model: 'anthropic/claude-haiku-4.5', thinking: { type: 'enabled', budget_tokens: 1024 } },
  ])('asks $model for the thinking it takes', ({ model: modelId, thinking }) => {
    const model = catalog.model(modelId)!;
    const endpoint = model.endpoints[0];
    const built = buildMessagesRequest(
      jobFor(model.id, catalog.endpointRef(model, endpoint)),
      catalog.provider(endpoint.providerId)!,
      'key',
    );
    expect(built.url).toBe('https://api.anthropic.com/v1/messages');
    expect(JSON.parse(built.body).thinking).toEqual(thinking);
  });
});
