import { loadCatalog } from '../../../catalog/load-catalog';
import type { Catalog, EndpointConfig, ModelConfig, ProviderFamily } from '../../../catalog';

export interface CatalogEndpoint {
  model: ModelConfig;
  endpoint: EndpointConfig;
  label: string;
}

/** config/catalog.yaml, and every endpoint of it that `family` serves, for a test per endpoint. */
export function defaultCatalogEndpoints(
  family: ProviderFamily,
  env: NodeJS.ProcessEnv = {},
): { catalog: Catalog; endpoints: CatalogEndpoint[] } {
  const catalog = loadCatalog('config/catalog.yaml', env);
  const endpoints = [...catalog.models.values()].flatMap((model) =>
    model.endpoints
      .filter((endpoint) => catalog.provider(endpoint.providerId)?.family === family)
      .map((endpoint) => ({ model, endpoint, label: `${model.id} on ${endpoint.providerId}` })),
  );
  return { catalog, endpoints };
}
