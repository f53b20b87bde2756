import { formatPricing, type Catalog, type EndpointConfig, type ModelConfig } from '../../../libs/catalog';
import type { Circuit } from './circuit-breaker';
import type { EndpointReport } from './health-book';

/**
 * OpenRouter's endpoint `status` is an open integer enum (0, -1, -2, -3, -5, -10) with no published
 * meaning per value; 0 is a healthy endpoint. Ours: 0 closed, -1 half-open (probing), -2 open.
 * https://openrouter.ai/docs/api-reference/endpoints/list-all-endpoints-for-a-model
 */
const STATUS_BY_CIRCUIT: Record<Circuit, number> = { closed: 0, 'half-open': -1, open: -2 };

type ReportOf = (providerId: string, model: string) => EndpointReport | undefined;

/** GET /models/{author}/{slug}/endpoints's `data`: the model and each endpoint with its live health. */
export function toEndpointListing(model: ModelConfig, catalog: Catalog, reportOf: ReportOf) {
  return {
    id: model.id,
    name: model.name,
    created: model.created,
    description: model.description,
    architecture: {
      tokenizer: 'Other',
      instruct_type: null,
      modality: `${model.inputModalities.join('+')}->${model.outputModalities.join('+')}`,
      input_modalities: model.inputModalities,
      output_modalities: model.outputModalities,
    },
    endpoints: model.endpoints.map((e) => toEndpoint(model, e, catalog, reportOf(e.providerId, model.id))),
  };
}

function toEndpoint(
  model: ModelConfig,
  endpoint: EndpointConfig,
  catalog: Catalog,
  report: EndpointReport | undefined,
) {
  const providerName = catalog.provider(endpoint.providerId)?.name ?? endpoint.providerId;
  return {
    name: `${providerName}: ${model.name}`,
    model_name: model.name,
    context_length: endpoint.contextLength,
    pricing: formatPricing(endpoint.pricing),
    provider_name: providerName,
    tag: endpoint.providerId,
    quantization: endpoint.quantization ?? null,
    max_completion_tokens: endpoint.maxCompletionTokens ?? null,
    max_prompt_tokens: null,
    supported_parameters: endpoint.supportedParameters ?? model.supportedParameters ?? [],
    status: STATUS_BY_CIRCUIT[report?.circuit ?? 'closed'],
    uptime_last_5m: report?.uptimePercent5m ?? null,
    uptime_last_30m: report?.uptimePercent ?? null,
    uptime_last_1d: report?.uptimePercent1d ?? null,
    latency_last_30m: report?.latencyMs ?? null,
    throughput_last_30m: report?.throughputTps ?? null,
  };
}
