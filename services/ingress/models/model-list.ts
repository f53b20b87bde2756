import type { Catalog, EndpointConfig, ModelConfig } from '../../../libs/catalog';

/** A price as OpenRouter writes it: USD per token, as a decimal string without exponent. */
export function formatPrice(usdPerToken: number): string {
  if (usdPerToken === 0) return '0';
  return usdPerToken.toFixed(12).replace(/0+$/, '').replace(/\.$/, '');
}

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
      prompt: formatPrice(endpoint.pricing.prompt),
      completion: formatPrice(endpoint.pricing.completion),
      request: formatPrice(endpoint.pricing.request),
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
