import type { ProviderAuth } from '../../catalog';

/**
 * The key as the provider expects it: OpenAI's `Authorization: Bearer`, Azure's `api-key` header,
 * or nothing for a server that takes no key (or when there is no key to send).
 * https://platform.openai.com/docs/api-reference/authentication
 * https://learn.microsoft.com/azure/ai-foundry/openai/reference#authentication
 */
export function authHeaders(auth: ProviderAuth, apiKey: string | undefined): Record<string, string> {
  if (!apiKey || auth === 'none') return {};
  return auth === 'api-key-header' ? { 'api-key': apiKey } : { authorization: `Bearer ${apiKey}` };
}
