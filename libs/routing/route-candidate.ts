import type { EndpointConfig, ModelConfig } from '../catalog';
import type { EndpointHealth } from './endpoint-health';

/** One endpoint of one requested model, with what the router knows of its recent health. */
export interface RouteCandidate {
  model: ModelConfig;
  endpoint: EndpointConfig;
  health?: EndpointHealth;
}

/** `providerId@model`: how a session remembers the endpoint that served it. */
export const endpointKey = (providerId: string, modelId: string): string => `${providerId}@${modelId}`;

export const candidateKey = (candidate: RouteCandidate): string =>
  endpointKey(candidate.endpoint.providerId, candidate.model.id);

/** USD per token for one prompt token plus one completion token, OpenRouter's price for balancing. */
export const tokenPrice = (candidate: RouteCandidate): number =>
  candidate.endpoint.pricing.prompt + candidate.endpoint.pricing.completion;
