import type { ProviderSortKey } from './sort-candidates';

/** What a model-id suffix asks for. https://openrouter.ai/docs/features/provider-routing#nitro-shortcut */
export interface ModelVariant {
  modelId: string;
  sortBy?: ProviderSortKey;
  freeOnly: boolean;
}

const SUFFIXES: Record<string, Omit<ModelVariant, 'modelId'>> = {
  nitro: { sortBy: 'throughput', freeOnly: false },
  floor: { sortBy: 'price', freeOnly: false },
  free: { freeOnly: true },
};

/**
 * Splits `author/slug:nitro` into the catalog model and what the suffix means. An id the catalog
 * holds as written (a model whose own slug has a colon) is never split.
 */
export function parseModelVariant(requested: string, isKnown: (id: string) => boolean): ModelVariant {
  const colon = requested.lastIndexOf(':');
  const suffix = SUFFIXES[requested.slice(colon + 1)];
  if (isKnown(requested) || colon === -1 || !suffix) return { modelId: requested, freeOnly: false };
  return { modelId: requested.slice(0, colon), ...suffix };
}
