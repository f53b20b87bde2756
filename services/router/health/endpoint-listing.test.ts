import { loadCatalog, parseCatalog } from '../../../libs/catalog';
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
      uptime_last_5m: null,
      uptime_last_30m: null,
      uptime_last_1d: null,
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
      uptimePercent5m: 50,
      uptimePercent1d: 99,
      latencyMs: { p50: 50, p75: 60, p90: 70, p99: 80 },
      throughputTps: { p50: 40, p75: 30, p90: 20, p99: 10 },
      circuit,
    };
    const listing = toEndpointListing(model, catalog, (providerId, modelId) =>
      providerId === first.providerId && modelId === model.id ? report : undefined,
    );
    expect(listing.endpoints[0]).toMatchObject({
      status,
      uptime_last_5m: 50,
      uptime_last_30m: 75,
      uptime_last_1d: 99,
      latency_last_30m: report.latencyMs,
      throughput_last_30m: report.throughputTps,
    });
  });

  it("shows the catalog's quantization and cache prices", () => {
    const quantized = parseCatalog(
      `
providers:
  p: { name: P, family: openai-compatible, base_url: 'http://127.0.0.1:1/v1' }
models:
  a/b:
    name: B
    context_length: 100
    endpoints:
      - provider: p
        upstream_model: b
        quantization: fp8
        pricing: { prompt: 3, completion: 15, input_cache_read: 0.3, input_cache_write: 3.75 }
`,
      'test.yaml',
      {},
    );
    const listing = toEndpointListing(quantized.model('a/b')!, quantized, () => undefined);
    expect(listing.endpoints[0]).toMatchObject({
      quantization: 'fp8',
      pricing: { prompt: '0.000003', input_cache_read: '0.0000003', input_cache_write: '0.00000375' },
    });
  });
});
