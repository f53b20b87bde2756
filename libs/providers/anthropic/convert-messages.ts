import { errors, type ChatMessage } from '../../contracts';
import { convertImageUrl, type ImageBlock } from './convert-image-url';
import { replayReasoningDetails, type ReplayedThinkingBlock } from './reasoning-details';

export interface TextBlock {
  type: 'text';
  text: string;
}

export interface ToolUseBlock {
  type: 'tool_use';
  id: string;
  name: string;
  input: Record<string, unknown>;
}

export interface ToolResultBlock {
  type: 'tool_result';
  tool_use_id: string;
  content: string | TextBlock[];
}

export type UserBlock = TextBlock | ImageBlock | ToolResultBlock;
export type AssistantBlock = ReplayedThinkingBlock | TextBlock | ToolUseBlock;
export type AnthropicTurn =
  { role: 'user'; content: UserBlock[] } | { role: 'assistant'; content: AssistantBlock[] };

export interface AnthropicPrompt {
  system?: TextBlock[];
  messages: AnthropicTurn[];
}

type UserMessage = Extract<ChatMessage, { role: 'user' }>;
type AssistantMessage = Extract<ChatMessage, { role: 'assistant' }>;
type ToolMessage = Extract<ChatMessage, { role: 'tool' }>;

/**
 * Chat messages as Anthropic's prompt:
 * - system and developer messages, wherever they stand, join the top-level `system`;
 * - an assistant message replays its `reasoning_details` as thinking blocks first, then its text,
 *   then its tool calls as `tool_use` blocks (input: the parsed arguments; `{}` when they are not a
 *   JSON object, since Anthropic takes nothing else);
 * - a tool message is a `tool_result` block in a user turn;
 * - consecutive turns of one role become one, because Anthropic wants the roles to alternate, with
 *   the tool results first in a user turn, as Anthropic requires after a tool use;
 * - empty texts are left out: Anthropic rejects an empty text block.
 * https://platform.claude.com/docs/en/api/messages#body-messages
 * https://platform.claude.com/docs/en/agents-and-tools/tool-use/handle-tool-calls
 */
export function convertMessages(messages: ChatMessage[]): AnthropicPrompt {
  const system: TextBlock[] = [];
  const turns: AnthropicTurn[] = [];
  messages.forEach((message, position) => {
    const field = `messages[${position}]`;
    switch (message.role) {
      case 'system':
      case 'developer':
        system.push(...textBlocks(message.content));
        break;
      case 'user':
        appendTurn(turns, { role: 'user', content: userBlocks(message, field) });
        break;
      case 'assistant':
        appendTurn(turns, { role: 'assistant', content: assistantBlocks(message) });
        break;
      case 'tool':
        appendTurn(turns, { role: 'user', content: [toolResultBlock(message)] });
        break;
    }
  });
  return { ...(system.length > 0 && { system }), messages: turns };
}

function appendTurn(turns: AnthropicTurn[], turn: AnthropicTurn): void {
  if (turn.content.length === 0) return;
  const last = turns.at(-1);
  if (last?.role === 'user' && turn.role === 'user') {
    const merged = [...last.content, ...turn.content];
    last.content = [
      ...merged.filter((block) => block.type === 'tool_result'),
      ...merged.filter((block) => block.type !== 'tool_result'),
    ];
  } else if (last?.role === 'assistant' && turn.role === 'assistant') {
    last.content.push(...turn.content);
  } else {
    turns.push(turn);
  }
}

function textBlocks(content: string | { text: string }[] | null | undefined): TextBlock[] {
  const texts = typeof content === 'string' ? [content] : (content ?? []).map((part) => part.text);
  return texts.filter((text) => text !== '').map((text) => ({ type: 'text', text }));
}

function userBlocks(message: UserMessage, field: string): UserBlock[] {
  if (typeof message.content === 'string') return textBlocks(message.content);
  return message.content.flatMap((part, index): UserBlock[] => {
    const partField = `${field}.content[${index}]`;
    switch (part.type) {
      case 'text':
        return textBlocks(part.text);
      case 'image_url':
        return [convertImageUrl(part.image_url.url, `${partField}.image_url.url`)];
      case 'input_audio':
      case 'file':
        throw errors.badRequest(
          `Invalid request: ${partField}: Anthropic's Messages API takes text and images, not ${part.type} parts`,
        );
    }
  });
}

function assistantBlocks(message: AssistantMessage): AssistantBlock[] {
  return [
    ...replayReasoningDetails(message.reasoning_details),
    ...textBlocks(message.content),
    ...(message.tool_calls ?? []).map((call): ToolUseBlock => ({
      type: 'tool_use',
      id: call.id,
      name: call.function.name,
      input: parseToolInput(call.function.arguments),
    })),
  ];
}

function toolResultBlock(message: ToolMessage): ToolResultBlock {
  return {
    type: 'tool_result',
    tool_use_id: message.tool_call_id,
    content: typeof message.content === 'string' ? message.content : textBlocks(message.content),
  };
}

function parseToolInput(args: string): Record<string, unknown> {
  try {
    const input: unknown = JSON.parse(args);
    return typeof input === 'object' && input !== null && !Array.isArray(input)
      ? (input as Record<string, unknown>)
      : {};
  } catch {
    return {};
  }
}
