import { tokenPrice, type RouteCandidate } from './route-candidate';

export type ProviderSortKey = 'price' | 'throughput' | 'latency';

type Measure = (candidate: RouteCandidate) => number | null | undefined;

/** Lower is better for every measure; throughput is negated. */
const MEASURES: Record<ProviderSortKey, Measure> = {
  price: (c) => tokenPrice(c) + c.endpoint.pricing.request,
  throughput: (c) => (c.health?.throughputTps == null ? null : -c.health.throughputTps),
  latency: (c) => c.health?.ttftP50Ms,
};

/**
 * `provider.sort`: best first by the measure. Endpoints not yet measured (no throughput or
 * latency data) follow the measured ones, in their previous order (the sort is stable).
 * https://openrouter.ai/docs/features/provider-routing#provider-sorting
 */
export function sortCandidates(candidates: RouteCandidate[], by: ProviderSortKey): RouteCandidate[] {
  const measure = MEASURES[by];
  const value = (c: RouteCandidate) => measure(c) ?? Number.POSITIVE_INFINITY;
  return [...candidates].sort((a, b) => (value(a) === value(b) ? 0 : value(a) < value(b) ? -1 : 1));
}
