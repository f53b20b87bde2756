import {
  formatUsdPerToken,
  type Catalog,
  type EndpointConfig,
  type ModelConfig,
} from '../../../libs/catalog';

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
    pricing: {
      prompt: formatUsdPerToken(endpoint.pricing.prompt),
      completion: formatUsdPerToken(endpoint.pricing.completion),
      request: formatUsdPerToken(endpoint.pricing.request),
      image: '0',
      web_search: '0',
      internal_reasoning: '0',
    },
    top_provider: {
      context_length: endpoint.contextLength,
      max_completion_tokens: endpoint.maxCompletionTokens ?? null,
      is_moderated: false,
    },
    per_request_limits: null,
    supported_parameters: model.supportedParameters ?? [],
  };
}

export function toModelList(catalog: Catalog) {
  return { data: [...catalog.models.values()].map(toOpenRouterModel) };
}
