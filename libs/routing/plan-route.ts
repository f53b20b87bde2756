import {
  errors,
  type PlannedAttempt,
  type PresetChoice,
  type ProviderPreferences,
  type RoutePlan,
  type RouteRequest,
  type Subjects,
} from '../contracts';
import type { Catalog } from '../catalog';
import type { HealthView } from './endpoint-health';
import { deprioritiseUnavailable } from './availability';
import { balanceByPrice } from './balance-by-price';
import { choosePresetVariant, presetSlugOf } from './choose-preset-variant';
import { filterCandidates } from './filter-candidates';
import { fitOutputLimit } from './fit-output-limit';
import { parseModelVariant, type ModelVariant } from './model-variant';
import { orderByPreference } from './order-by-preference';
import type { RouteCandidate } from './route-candidate';
import { applySoftPreferences } from './soft-preferences';
import { sortCandidates, type ProviderSortKey } from './sort-candidates';
import { pinStickyEndpoint } from './sticky-endpoint';

const LIST_MODELS_HINT = 'List the available models with GET /api/v1/models.';

/** What planning reads besides the request and catalog; injected so tests are deterministic. */
export interface PlanContext {
  health: HealthView;
  /** Uniform in [0, 1): the weighted draws of load balancing and preset variants. */
  random: () => number;
  /** Epoch ms, for "an outage in the last 30 s". */
  now: number;
  /** `providerId@model` that served this request's session recently, if any. */
  stickyEndpoint?: string;
}

/** A request after its preset: the routing it stands for, and what the plan must carry. */
interface ResolvedRequest {
  request: RouteRequest;
  preset?: PresetChoice;
  parameters?: Record<string, unknown>;
}

/**
 * Turns a routing request into an ordered list of attempts, as OpenRouter routes: each requested
 * model in turn (`model`, then `models`), its endpoints filtered by the hard preferences, ordered
 * by `sort`, `order` or price-weighted load balancing, then soft preferences, health and the
 * session's endpoint. The caller walks the list until one attempt serves.
 * https://openrouter.ai/docs/features/provider-routing
 */
export function planRoute(
  original: RouteRequest,
  catalog: Catalog,
  subjects: Subjects,
  context: PlanContext,
): RoutePlan {
  const resolved = resolvePreset(original, catalog, context.random);
  if ('error' in resolved) return resolved.error;
  const { request, preset, parameters } = resolved;
  const variants = requestedModels(request).map((id) => parseModelVariant(id, (m) => !!catalog.model(m)));
  const unknown = variants.filter((v) => !catalog.model(v.modelId)).map((v) => v.modelId);
  if (unknown.length > 0) {
    return failure(
      errors.notFound(`Model ${unknown.map((id) => `"${id}"`).join(', ')} not found. ${LIST_MODELS_HINT}`, {
        models: unknown,
      }),
    );
  }
  const provider = request.provider ?? {};
  const perModel = variants.map((variant) => {
    const model = catalog.model(variant.modelId)!;
    const candidates = model.endpoints.map((endpoint) => ({
      model,
      endpoint,
      health: context.health.get(endpoint.providerId, model.id),
    }));
    return filterCandidates(candidates, {
      provider,
      parameters: request.parameters ?? [],
      freeOnly: variant.freeOnly,
      embeddings: request.operation === 'embeddings',
    });
  });
  const kept = perModel.map((result) => fitOutputLimit(result.kept, request.maxTokens));
  if (kept.every((list) => list.length === 0)) {
    return failure(
      errors.notFound('No endpoints found that match your provider preferences.', {
        models: variants.map((v) => v.modelId),
        provider: request.provider ?? null,
        excluded: perModel.flatMap((result) => result.excluded),
      }),
    );
  }
  const ordered = orderCandidates(kept, provider, variants, context);
  const healthy = deprioritiseUnavailable(applySoftPreferences(ordered, provider), context.now);
  // An explicit `order` or `sort` is the caller's choice for this request; a session's memory is not.
  const explicitOrder = !!provider.order || !!provider.sort || variants.some((v) => v.sortBy);
  const pinned = explicitOrder ? healthy : pinStickyEndpoint(healthy, context.stickyEndpoint, context.now);
  const byok = new Set(request.byokProviders ?? []);
  const attempts = byokFirst(withoutFallbacks(pinned, provider), byok).map((candidate) =>
    toAttempt(candidate, catalog, subjects, byok, preset, parameters),
  );
  return { ok: true, attempts };
}

/** `@preset/<slug>`: the variant's routing replaces the request's model, models and provider. */
function resolvePreset(
  request: RouteRequest,
  catalog: Catalog,
  random: () => number,
): ResolvedRequest | { error: RoutePlan } {
  const slug = presetSlugOf(request.model);
  if (slug === undefined) return { request };
  const preset = catalog.preset(slug);
  if (!preset) {
    return { error: failure(errors.notFound(`Preset "${slug}" not found.`, { preset: slug })) };
  }
  const variant = choosePresetVariant(preset, request.user || request.sessionId, random);
  const [model, ...models] = variant.models;
  return {
    request: {
      ...request,
      model,
      models: [...models, ...(request.models ?? [])],
      provider: { ...variant.provider, ...request.provider },
    },
    preset: { name: slug, variant: variant.name },
    ...(variant.parameters && { parameters: variant.parameters }),
  };
}

function requestedModels(request: RouteRequest): string[] {
  const ids = [...(request.model ? [request.model] : []), ...(request.models ?? [])];
  return [...new Set(ids)];
}

/**
 * `sort` (or a `:nitro`/`:floor` suffix) disables load balancing, as does `order`; with both,
 * `order` leads and `sort` orders the rest. `partition: 'none'` sorts across models, otherwise
 * each model's endpoints are ordered on their own and models keep the requested order.
 */
function orderCandidates(
  perModel: RouteCandidate[][],
  provider: ProviderPreferences,
  variants: ModelVariant[],
  context: PlanContext,
): RouteCandidate[] {
  const sort = typeof provider.sort === 'string' ? { by: provider.sort } : provider.sort;
  const sortBy: ProviderSortKey | undefined = sort?.by ?? variants.find((v) => v.sortBy)?.sortBy;
  const order = provider.order;
  const arrange = (candidates: RouteCandidate[]) => {
    if (!sortBy && !order) return balanceByPrice(candidates, context.random, context.now);
    const sorted = sortBy ? sortCandidates(candidates, sortBy) : candidates;
    return order ? orderByPreference(sorted, order) : sorted;
  };
  return sort?.partition === 'none' ? arrange(perModel.flat()) : perModel.flatMap(arrange);
}

/**
 * `allow_fallbacks: false`: only the providers named in `order`, or else the first choice alone.
 * https://openrouter.ai/docs/features/provider-routing#disabling-fallbacks
 */
function withoutFallbacks(candidates: RouteCandidate[], provider: ProviderPreferences): RouteCandidate[] {
  if (provider.allow_fallbacks !== false) return candidates;
  const { order } = provider;
  if (!order) return candidates.slice(0, 1);
  return candidates.filter((c) => order.includes(c.endpoint.providerId));
}

/**
 * The key's own credentials are used first, whatever the order, as OpenRouter does; the order
 * among them and among the others is kept.
 * https://openrouter.ai/docs/guides/overview/auth/byok
 */
function byokFirst(candidates: RouteCandidate[], byok: ReadonlySet<string>): RouteCandidate[] {
  if (byok.size === 0) return candidates;
  const own = (c: RouteCandidate) => byok.has(c.endpoint.providerId);
  return [...candidates.filter(own), ...candidates.filter((c) => !own(c))];
}

function toAttempt(
  { model, endpoint }: RouteCandidate,
  catalog: Catalog,
  subjects: Subjects,
  byok: ReadonlySet<string>,
  preset: PresetChoice | undefined,
  parameters: Record<string, unknown> | undefined,
): PlannedAttempt {
  const { providerId } = endpoint;
  return {
    model: model.id,
    subject: byok.has(providerId) ? subjects.providerByokChat(providerId) : subjects.providerChat(providerId),
    endpoint: catalog.endpointRef(model, endpoint),
    ...(preset && { preset }),
    ...(parameters && { parameters }),
  };
}

function failure(error: ReturnType<typeof errors.notFound>): RoutePlan {
  return { ok: false, ...error.toWire() };
}
