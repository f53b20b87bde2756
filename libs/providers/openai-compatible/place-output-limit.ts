import type { MaxTokensField } from '../../catalog';

/**
 * The client's output limit under the one field the provider reads. Clients send either name
 * (`max_completion_tokens` wins, being OpenAI's current one); OpenAI's reasoning models reject
 * `max_tokens`, and servers such as DeepSeek and Mistral know only `max_tokens`.
 * https://platform.openai.com/docs/api-reference/chat/create#chat-create-max_tokens
 */
export function placeOutputLimit(
  body: Record<string, unknown>,
  field: MaxTokensField,
): Record<string, unknown> {
  const { max_tokens: maxTokens, max_completion_tokens: maxCompletionTokens, ...rest } = body;
  const limit = maxCompletionTokens ?? maxTokens;
  return limit === undefined || limit === null ? rest : { ...rest, [field]: limit };
}
