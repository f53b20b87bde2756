import type { ChatMessage } from '../../../libs/contracts';
import { joinTextBlocks } from './join-text-blocks';
import type { ImageBlock, ToolResultBlock, UserBlock } from './messages-request';

type UserPart = { type: 'text'; text: string } | { type: 'image_url'; image_url: { url: string } };

/**
 * One Anthropic user turn as OpenAI messages: each `tool_result` becomes a `tool` message (first, as
 * OpenAI wants them right after the assistant's tool calls, and as Anthropic requires them first in
 * the turn), then a user message with the rest. OpenAI's tool messages carry only text, so images
 * from tool results join that user message.
 * https://docs.anthropic.com/en/docs/build-with-claude/tool-use/overview#tool-result-content
 * https://platform.openai.com/docs/api-reference/chat/create#chat-create-messages
 */
export function convertUserContent(blocks: readonly UserBlock[]): ChatMessage[] {
  const toolMessages: ChatMessage[] = [];
  const parts: UserPart[] = [];
  for (const block of blocks) {
    if (block.type === 'text') parts.push({ type: 'text', text: block.text });
    else if (block.type === 'image') parts.push(imagePart(block));
    else {
      toolMessages.push(toolMessage(block));
      parts.push(...toolResultBlocks(block).filter(isImage).map(imagePart));
    }
  }
  return parts.length > 0 ? [...toolMessages, userMessage(parts)] : toolMessages;
}

function userMessage(parts: UserPart[]): ChatMessage {
  const texts = parts.filter((part) => part.type === 'text');
  return texts.length === parts.length
    ? { role: 'user', content: joinTextBlocks(texts) }
    : { role: 'user', content: parts };
}

/** OpenAI has no `is_error`; the model learns of the failure from the text. */
function toolMessage(block: ToolResultBlock): ChatMessage {
  const text = joinTextBlocks(toolResultBlocks(block).filter((b) => b.type === 'text'));
  return { role: 'tool', tool_call_id: block.tool_use_id, content: block.is_error ? `Error: ${text}` : text };
}

const toolResultBlocks = (block: ToolResultBlock) => block.content ?? [];

const isImage = (block: { type: string }): block is ImageBlock => block.type === 'image';

/** Base64 images travel as data URLs. */
function imagePart({ source }: ImageBlock): UserPart {
  const url = source.type === 'url' ? source.url : `data:${source.media_type};base64,${source.data}`;
  return { type: 'image_url', image_url: { url } };
}
