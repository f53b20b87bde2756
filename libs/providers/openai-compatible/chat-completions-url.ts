import type { ProviderConfig } from '../../catalog';
import { MODEL_PLACEHOLDER } from '../../catalog/catalog-schema';

/**
 * `<base_url>/<path>` for one call, with the upstream model in place of `{model}` (Azure's
 * deployment in the path) and the provider's query parameters (Azure's `api-version`).
 * https://learn.microsoft.com/azure/ai-foundry/openai/reference#chat-completions
 */
export function providerUrl(provider: ProviderConfig, upstreamModel: string, path: string): string {
  const base = provider.baseUrl.replaceAll(MODEL_PLACEHOLDER, encodeURIComponent(upstreamModel));
  const url = new URL(`${base}/${path}`);
  for (const [name, value] of Object.entries(provider.query ?? {})) url.searchParams.set(name, value);
  return url.href;
}

/** Where a chat attempt is sent: `<base_url>/chat/completions`. */
export function chatCompletionsUrl(provider: ProviderConfig, upstreamModel: string): string {
  return providerUrl(provider, upstreamModel, 'chat/completions');
}
