import type { GatewayCompletion } from '../../../libs/contracts';
import { mapStopReason, type StopReason } from './map-stop-reason';
import { parseToolInput } from './parse-tool-input';
import { toAnthropicUsage, type AnthropicUsage } from './to-anthropic-usage';
import { toThinkingBlocks, type ThinkingBlock } from './to-thinking-blocks';

export type ContentBlock =
  | ThinkingBlock
  | { type: 'text'; text: string }
  | { type: 'tool_use'; id: string; name: string; input: Record<string, unknown> };

export interface AnthropicMessageBody {
  id: string;
  type: 'message';
  role: 'assistant';
  model: string;
  content: ContentBlock[];
  stop_reason: StopReason | null;
  stop_sequence: null;
  usage: AnthropicUsage;
}

/**
 * The gateway's `chat.completion` as Anthropic's Message: thinking first, then the text (a refusal's
 * text when there is no other), then the tool calls, as Claude orders its blocks. The id is the
 * generation id and the model the public model id, as in the Chat Completions answer.
 * https://docs.anthropic.com/en/api/messages#response
 */
export function toAnthropicMessage(completion: GatewayCompletion): AnthropicMessageBody {
  const [choice] = completion.choices;
  const { message } = choice;
  const text = message.content || message.refusal;
  return {
    id: completion.id,
    type: 'message',
    role: 'assistant',
    model: completion.model,
    content: [
      ...toThinkingBlocks(message.reasoning, message.reasoning_details),
      ...(text ? [{ type: 'text' as const, text }] : []),
      ...(message.tool_calls ?? []).map((call) => ({
        type: 'tool_use' as const,
        id: call.id,
        name: call.function.name,
        input: parseToolInput(call.function.arguments),
      })),
    ],
    stop_reason: mapStopReason(choice.finish_reason, choice.native_finish_reason),
    stop_sequence: null,
    usage: toAnthropicUsage(completion.usage),
  };
}
