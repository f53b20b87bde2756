import { supportsParameter } from '../catalog/supported-parameters';
import type { ProviderPreferences } from '../contracts';
import type { RouteCandidate } from './route-candidate';

/** Why an endpoint was left out, named by the constraint that excluded it. */
export interface Exclusion {
  provider: string;
  model: string;
  reason: string;
}

export interface FilterInput {
  provider: ProviderPreferences;
  /** The request's parameters, for `require_parameters`. */
  parameters: string[];
  /** `:free`: only endpoints that charge nothing. */
  freeOnly: boolean;
  /** The request asks for embeddings: only embedding models serve it, and they serve nothing else. */
  embeddings?: boolean;
}

type Filter = (candidate: RouteCandidate, input: FilterInput) => string | null;

const PER_MILLION = 1e6;

/**
 * Parameters without which the answer means something else (a tool call, JSON in a schema): an
 * endpoint that would drop them is never chosen, `require_parameters` or not. A sampling parameter
 * an endpoint lacks is dropped by the worker instead, as OpenRouter does.
 */
const MEANING_PARAMETERS = new Set(['tools', 'tool_choice', 'response_format', 'structured_outputs']);

/** Hard filters, each returning the reason it excludes an endpoint, or null to keep it. */
const FILTERS: Filter[] = [
  ({ model }, { embeddings = false }) =>
    model.outputModalities.includes('embeddings') === embeddings
      ? null
      : embeddings
        ? 'not an embedding model'
        : 'an embedding model: it serves POST /embeddings',
  ({ endpoint }, { provider }) =>
    provider.only && !provider.only.includes(endpoint.providerId) ? 'not in provider.only' : null,
  ({ endpoint }, { provider }) =>
    provider.ignore?.includes(endpoint.providerId) ? 'in provider.ignore' : null,
  ({ endpoint }, { provider }) =>
    provider.quantizations && !provider.quantizations.includes(endpoint.quantization ?? 'unknown')
      ? `quantization ${endpoint.quantization ?? 'unknown'} not in provider.quantizations`
      : null,
  ({ endpoint }, { provider }) =>
    provider.data_collection === 'deny' && endpoint.dataCollection === 'allow'
      ? 'may collect data; provider.data_collection is deny'
      : null,
  ({ endpoint }, { provider }) =>
    provider.zdr && !endpoint.zdr ? 'retains data; provider.zdr is true' : null,
  ({ model }, { provider }) =>
    provider.enforce_distillable_text && !model.distillable
      ? 'model does not allow distillation; provider.enforce_distillable_text is true'
      : null,
  ({ model, endpoint }, { parameters }) => {
    const supported = endpoint.supportedParameters ?? model.supportedParameters;
    if (!supported) return null;
    const missing = parameters.filter((p) => MEANING_PARAMETERS.has(p) && !supportsParameter(supported, p));
    return missing.length > 0 ? `does not support ${missing.join(', ')}` : null;
  },
  ({ model, endpoint }, { provider, parameters }) => {
    // A catalog entry without a list accepts every parameter, as the worker treats it.
    const supported = endpoint.supportedParameters ?? model.supportedParameters;
    if (!provider.require_parameters || !supported) return null;
    const missing = parameters.filter((parameter) => !supportsParameter(supported, parameter));
    return missing.length > 0 ? `does not support ${missing.join(', ')} (provider.require_parameters)` : null;
  },
  ({ endpoint }, { provider }) => {
    const limit = provider.max_price;
    if (!limit) return null;
    const { prompt, completion, request } = endpoint.pricing;
    const over = [
      limit.prompt !== undefined && prompt * PER_MILLION > limit.prompt && 'prompt',
      limit.completion !== undefined && completion * PER_MILLION > limit.completion && 'completion',
      limit.request !== undefined && request > limit.request && 'request',
    ].filter(Boolean);
    return over.length > 0 ? `${over.join(', ')} price above provider.max_price` : null;
  },
  ({ endpoint }, { freeOnly }) => {
    const { prompt, completion, request } = endpoint.pricing;
    return freeOnly && prompt + completion + request > 0 ? 'not free (:free)' : null;
  },
];

/**
 * OpenRouter's hard provider filters: `only`, `ignore`, `quantizations`, `data_collection`, `zdr`,
 * `enforce_distillable_text`, `require_parameters` (and, always, the parameters that change what
 * an answer means: tools and response formats), `max_price` (USD per million tokens, per request) and `:free`. Keeps the
 * candidates' order; each excluded endpoint says which constraint excluded it (the first that did).
 * `max_price.image` is accepted but not applied: the catalog does not price images.
 * https://openrouter.ai/docs/features/provider-routing
 */
export function filterCandidates(
  candidates: RouteCandidate[],
  input: FilterInput,
): { kept: RouteCandidate[]; excluded: Exclusion[] } {
  const kept: RouteCandidate[] = [];
  const excluded: Exclusion[] = [];
  for (const candidate of candidates) {
    const reason = FILTERS.map((filter) => filter(candidate, input)).find((r) => r !== null);
    if (reason) {
      excluded.push({ provider: candidate.endpoint.providerId, model: candidate.model.id, reason });
    } else {
      kept.push(candidate);
    }
  }
  return { kept, excluded };
}
