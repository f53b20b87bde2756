import type { EndpointConfig } from '../catalog';
import type { EndpointHealth } from './endpoint-health';
import type { RouteCandidate } from './route-candidate';

/** A candidate for tests: prices in USD per million tokens, health fields as given. */
export function candidate(
  providerId: string,
  options: {
    model?: string;
    prompt?: number;
    completion?: number;
    health?: Partial<EndpointHealth>;
    endpoint?: Partial<EndpointConfig>;
    distillable?: boolean;
  } = {},
): RouteCandidate {
  const modelId = options.model ?? 'x/one';
  return {
    model: {
      id: modelId,
      name: modelId,
      description: '',
      created: 0,
      contextLength: 100,
      inputModalities: ['text'],
      outputModalities: ['text'],
      distillable: options.distillable ?? false,
      categories: [],
      endpoints: [],
    },
    endpoint: {
      providerId,
      upstreamModel: modelId,
      pricing: {
        prompt: (options.prompt ?? 1) / 1e6,
        completion: (options.completion ?? 1) / 1e6,
        request: 0,
      },
      contextLength: 100,
      dataCollection: 'allow',
      zdr: false,
      ...options.endpoint,
    },
    ...(options.health && {
      health: {
        requests: 10,
        errorRate: 0,
        ttftP50Ms: null,
        ttftP90Ms: null,
        throughputTps: null,
        lastOutageAt: null,
        circuit: 'closed',
        ...options.health,
      },
    }),
  };
}

export const providersOf = (candidates: RouteCandidate[]) => candidates.map((c) => c.endpoint.providerId);
