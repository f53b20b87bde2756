import {
  errors,
  type PlannedAttempt,
  type RoutePlan,
  type RouteRequest,
  type Subjects,
} from '../../../libs/contracts';
import type { Catalog, EndpointConfig, ModelConfig } from '../../../libs/catalog';

const LIST_MODELS_HINT = 'List the available models with GET /api/v1/models.';

/**
 * Turns a routing request into an ordered list of attempts: each requested model in turn
 * (`model` first, then `models`, OpenRouter's fallback list), and for each model its endpoints
 * after the caller's provider preferences. The caller walks the list until one attempt serves.
 */
export function planRoute(request: RouteRequest, catalog: Catalog, subjects: Subjects): RoutePlan {
  const modelIds = requestedModels(request);
  const unknown = modelIds.filter((id) => !catalog.model(id));
  if (unknown.length > 0) {
    return failure(
      errors.notFound(`Model ${unknown.map((id) => `"${id}"`).join(', ')} not found. ${LIST_MODELS_HINT}`, {
        models: unknown,
      }),
    );
  }
  const models = modelIds.map((id) => catalog.model(id)!);
  const attempts = models.flatMap((model) =>
    preferredEndpoints(model, request).map((endpoint) => toAttempt(model, endpoint, catalog, subjects)),
  );
  if (attempts.length === 0) {
    return failure(
      errors.notFound('No endpoints found that match your provider preferences.', {
        models: modelIds,
        provider: request.provider ?? null,
      }),
    );
  }
  const allowFallbacks = request.provider?.allow_fallbacks ?? true;
  return { ok: true, attempts: allowFallbacks ? attempts : attempts.slice(0, 1) };
}

function requestedModels(request: RouteRequest): string[] {
  const ids = [...(request.model ? [request.model] : []), ...(request.models ?? [])];
  return [...new Set(ids)];
}

/** `only` and `ignore` filter; `order` puts the named providers first, in that order. */
function preferredEndpoints(model: ModelConfig, request: RouteRequest): EndpointConfig[] {
  const { only, ignore, order } = request.provider ?? {};
  const kept = model.endpoints.filter(
    (e) => (!only || only.includes(e.providerId)) && !(ignore ?? []).includes(e.providerId),
  );
  if (!order) return kept;
  const rank = (e: EndpointConfig) => {
    const index = order.indexOf(e.providerId);
    return index === -1 ? order.length : index;
  };
  return [...kept].sort((a, b) => rank(a) - rank(b));
}

function toAttempt(
  model: ModelConfig,
  endpoint: EndpointConfig,
  catalog: Catalog,
  subjects: Subjects,
): PlannedAttempt {
  return {
    model: model.id,
    subject: subjects.providerChat(endpoint.providerId),
    endpoint: catalog.endpointRef(model, endpoint),
  };
}

function failure(error: ReturnType<typeof errors.notFound>): RoutePlan {
  return { ok: false, ...error.toWire() };
}
