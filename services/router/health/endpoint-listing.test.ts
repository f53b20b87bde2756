import { loadCatalog } from '../../../libs/catalog';
import { toEndpointListing } from './endpoint-listing';
import type { EndpointReport } from './health-book';

describe('toEndpointListing', () => {
  const catalog = loadCatalog('config/catalog.yaml', {});
  const model = catalog.model('openai/gpt-4o-mini')!;
  const [first] = model.endpoints;

  it('renders the model and its endpoints in OpenRouter shape, unmeasured', () => {
    const listing = toEndpointListing(model, catalog, () => undefined);
    expect(listing).toMatchObject({
      id: 'openai/gpt-4o-mini',
      name: model.name,
      created: model.created,
      architecture: { modality: 'text+image->text', input_modalities: ['text', 'image'] },
    });
    expect(listing.endpoints).toHaveLength(model.endpoints.length);
    const providerName = catalog.provider(first.providerId)!.name;
    expect(listing.endpoints[0]).toEqual({
      name: `${providerName}: ${model.name}`,
      model_name: model.name,
      context_length: first.contextLength,
      pricing: { prompt: '0.00000015', completion: '0.0000006', request: '0', image: '0' },
      provider_name: providerName,
      tag: first.providerId,
      quantization: null,
      max_completion_tokens: first.maxCompletionTokens ?? null,
      max_prompt_tokens: null,
      supported_parameters: model.supportedParameters ?? [],
      status: 0,
      uptime_last_30m: null,
      latency_last_30m: null,
      throughput_last_30m: null,
    });
  });

  it.each([
    ['closed', 0],
    ['half-open', -1],
    ['open', -2],
  ] as const)('shows live health; a %s circuit is status %p', (circuit, status) => {
    const report: EndpointReport = {
      uptimePercent: 75,
      latencyMs: { p50: 50, p75: 60, p90: 70, p99: 80 },
      throughputTps: { p50: 40, p75: 30, p90: 20, p99: 10 },
      circuit,
    };
    const listing = toEndpointListing(model, catalog, (providerId, modelId) =>
      providerId === first.providerId && modelId === model.id ? report : undefined,
    );
    expect(listing.endpoints[0]).toMatchObject({
      status,
      uptime_last_30m: 75,
      latency_last_30m: report.latencyMs,
      throughput_last_30m: report.throughputTps,
    });
  });
});
