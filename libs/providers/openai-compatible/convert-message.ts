import type { UpstreamMessage } from './openai-compatible-api';

export interface AssistantToolCall {
  id: string;
  type: 'function';
  function: { name: string; arguments: string };
}

/** The assistant message as OpenRouter returns it, with reasoning under one name. */
export interface AssistantMessage {
  role: 'assistant';
  content: string | null;
  refusal?: string | null;
  reasoning?: string;
  tool_calls?: AssistantToolCall[];
}

/**
 * DeepSeek and xAI call the reasoning `reasoning_content`, Groq `reasoning`; OpenRouter says
 * `reasoning`. Mistral leaves out the tool call `type`, which OpenAI's clients expect.
 * https://openrouter.ai/docs/use-cases/reasoning-tokens
 * https://api-docs.deepseek.com/guides/reasoning_model
 * https://console.groq.com/docs/reasoning
 */
export function convertMessage(message: UpstreamMessage): AssistantMessage {
  const reasoning = message.reasoning_content || message.reasoning;
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
