import { formatPricing, type Catalog, type EndpointConfig, type ModelConfig } from '../../../libs/catalog';

const cheapest = (model: ModelConfig): EndpointConfig =>
  model.endpoints.reduce((best, e) =>
    e.pricing.prompt + e.pricing.completion < best.pricing.prompt + best.pricing.completion ? e : best,
  );

/** One entry of GET /models in OpenRouter's shape (https://openrouter.ai/docs/api-reference/list-available-models). */
export function toOpenRouterModel(model: ModelConfig) {
  const endpoint = cheapest(model);
  return {
    id: model.id,
    canonical_slug: model.id,
    name: model.name,
    created: model.created,
    description: model.description,
    context_length: model.contextLength,
    architecture: {
      modality: `${model.inputModalities.join('+')}->${model.outputModalities.join('+')}`,
      input_modalities: model.inputModalities,
      output_modalities: model.outputModalities,
      tokenizer: 'Other',
      instruct_type: null,
    },
    hugging_face_id: model.huggingFaceId ?? null,
    pricing: { ...formatPricing(endpoint.pricing), web_search: '0', internal_reasoning: '0' },
    top_provider: {
      context_length: endpoint.contextLength,
      max_completion_tokens: endpoint.maxCompletionTokens ?? null,
      is_moderated: false,
    },
    per_request_limits: null,
    supported_parameters: model.supportedParameters ?? [],
    default_parameters: model.defaultParameters ?? null,
  };
}

/** `GET /models`'s filters, as OpenRouter takes them in the query string. */
export interface ModelFilters {
  /** Comma-separated: only models that take every one of them. */
  supported_parameters?: string;
  /** Only models listed under this use case. */
  category?: string;
}

/** The catalog's models that pass `filters` (none: every model). */
export function selectModels(catalog: Catalog, filters: ModelFilters = {}): ModelConfig[] {
  const wanted = (filters.supported_parameters ?? '')
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  const category = filters.category?.trim().toLowerCase();
  return [...catalog.models.values()].filter(
    (model) =>
      wanted.every((name) => model.supportedParameters?.includes(name) ?? false) &&
      (!category || model.categories.some((c) => c.toLowerCase() === category)),
  );
}

export function toModelList(models: ModelConfig[]) {
  return { data: models.map(toOpenRouterModel) };
}
