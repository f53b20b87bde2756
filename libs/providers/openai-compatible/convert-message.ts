import type { AssistantMessage } from '../../contracts';
import type { UpstreamMessage } from './openai-compatible-api';

/**
 * DeepSeek and xAI call the reasoning `reasoning_content`, Groq `reasoning`; OpenRouter says
 * `reasoning`, and leaves it out when the client asked to exclude it (`includeReasoning: false`).
 * Mistral leaves out the tool call `type`, which OpenAI's clients expect.
 * https://openrouter.ai/docs/use-cases/reasoning-tokens
 * https://api-docs.deepseek.com/guides/reasoning_model
 * https://console.groq.com/docs/reasoning
 */
export function convertMessage(
  message: UpstreamMessage,
  { includeReasoning }: { includeReasoning: boolean } = { includeReasoning: true },
): AssistantMessage {
  const reasoning = includeReasoning ? message.reasoning_content || message.reasoning : undefined;
  return {
    role: 'assistant',
    content: message.content ?? null,
    ...(message.refusal !== undefined && { refusal: message.refusal }),
    ...(reasoning && { reasoning }),
    ...(message.tool_calls?.length && {
      tool_calls: message.tool_calls.map((call) => ({
        id: call.id,
        type: 'function' as const,
        function: { name: call.function.name, arguments: call.function.arguments },
      })),
    }),
  };
}
