import type { ChatMessage, ChatRequest } from '../../../libs/contracts';
import { convertAssistantContent } from './convert-assistant-content';
import { convertTools } from './convert-tools';
import { convertUserContent } from './convert-user-content';
import { joinTextBlocks } from './join-text-blocks';
import type { AnthropicMessage, MessagesRequest, ThinkingConfig } from './messages-request';

/**
 * A Messages request as the gateway's ChatRequest (OpenAI's shape with OpenRouter's extensions), so it
 * takes the same routing and workers as Chat Completions.
 * https://docs.anthropic.com/en/api/messages
 * https://openrouter.ai/docs/api-reference/chat-completion
 */
export function toChatRequest(request: MessagesRequest): ChatRequest {
  const reasoning = request.thinking && toReasoning(request.thinking);
  const format = request.output_config?.format;
  return {
    model: request.model,
    messages: [...systemMessages(request), ...request.messages.flatMap(toChatMessages)],
    max_tokens: request.max_tokens,
    stream: request.stream ?? false,
    ...(request.temperature !== undefined && { temperature: request.temperature }),
    ...(request.top_p !== undefined && { top_p: request.top_p }),
    ...(request.top_k !== undefined && { top_k: request.top_k }),
    ...(request.stop_sequences?.length && { stop: request.stop_sequences }),
    ...(request.metadata?.user_id && { user: request.metadata.user_id }),
    ...convertTools(request.tools, request.tool_choice),
    ...(reasoning && { reasoning }),
    ...(format && {
      response_format: {
        type: 'json_schema',
        json_schema: { name: 'output', schema: format.schema, strict: true },
      },
    }),
  };
}

function systemMessages({ system }: MessagesRequest): ChatMessage[] {
  return system?.length ? [{ role: 'system', content: joinTextBlocks(system) }] : [];
}

function toChatMessages(message: AnthropicMessage): ChatMessage[] {
  return message.role === 'user'
    ? convertUserContent(message.content)
    : [convertAssistantContent(message.content)];
}

/**
 * Anthropic's thinking budget is OpenRouter's `reasoning.max_tokens`; adaptive thinking lets the model
 * decide, as `enabled` without a budget does; disabled is the provider's default, so nothing is sent.
 * https://docs.anthropic.com/en/docs/build-with-claude/extended-thinking
 * https://openrouter.ai/docs/use-cases/reasoning-tokens
 */
function toReasoning(thinking: ThinkingConfig): { max_tokens: number } | { enabled: true } | undefined {
  switch (thinking.type) {
    case 'enabled':
      return { max_tokens: thinking.budget_tokens };
    case 'adaptive':
      return { enabled: true };
    case 'disabled':
      return undefined;
  }
}
