import type { ChatMessage } from '../../../libs/contracts';
import { joinTextBlocks } from './join-text-blocks';
import type { AssistantBlock } from './messages-request';

/** OpenRouter's reasoning items, in which earlier reasoning is handed back to the model. */
export type ReasoningDetail =
  | { type: 'reasoning.text'; text: string; signature?: string }
  | { type: 'reasoning.encrypted'; data: string };

/**
 * One Anthropic assistant turn as one OpenAI assistant message: text blocks as the content, `tool_use`
 * as `tool_calls` (arguments as JSON text), thinking as OpenRouter's `reasoning_details`, which keeps
 * the signature that Anthropic needs to accept the thinking back.
 * https://docs.anthropic.com/en/docs/build-with-claude/extended-thinking#preserving-thinking-blocks
 * https://openrouter.ai/docs/use-cases/reasoning-tokens#preserving-reasoning-blocks
 */
export function convertAssistantContent(blocks: readonly AssistantBlock[]): ChatMessage {
  const text = joinTextBlocks(blocks.filter((block) => block.type === 'text'));
  const toolCalls = blocks
    .filter((block) => block.type === 'tool_use')
    .map((block) => ({
      id: block.id,
      type: 'function' as const,
      function: { name: block.name, arguments: JSON.stringify(block.input) },
    }));
  const reasoningDetails = blocks.flatMap(toReasoningDetail);
  return {
    role: 'assistant',
    // OpenAI wants null, not "", beside tool calls.
    content: text === '' && toolCalls.length > 0 ? null : text,
    ...(toolCalls.length > 0 && { tool_calls: toolCalls }),
    ...(reasoningDetails.length > 0 && { reasoning_details: reasoningDetails }),
  };
}

function toReasoningDetail(block: AssistantBlock): ReasoningDetail[] {
  if (block.type === 'thinking') {
    return [
      {
        type: 'reasoning.text',
        text: block.thinking,
        ...(block.signature && { signature: block.signature }),
      },
    ];
  }
  if (block.type === 'redacted_thinking') return [{ type: 'reasoning.encrypted', data: block.data }];
  return [];
}
