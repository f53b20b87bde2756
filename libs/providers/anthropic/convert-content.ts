import type { ContentBlock } from './anthropic-api';
import type { AssistantMessage, AssistantToolCall, ReasoningDetail } from '../../contracts';
import { encryptedReasoningDetail, textReasoningDetail } from './reasoning-details';
import { JSON_TOOL_NAME } from './response-format';

export interface ContentOptions {
  /** The request forced the `json` tool: its input is the answer's text. */
  answeredThroughJsonTool: boolean;
  /** The client asked for the reasoning to be left out (`reasoning.exclude`). */
  excludeReasoning: boolean;
}

/**
 * Anthropic's content blocks as one assistant message: text blocks joined as `content` (null when
 * there is none, as OpenAI has it beside tool calls); `tool_use` blocks as `tool_calls` with their
 * input as JSON arguments; thinking as `reasoning`, and every thinking or redacted block, in order,
 * as `reasoning_details` the client sends back in the next turn. Blocks of kinds the gateway never
 * asks for (server tools) are passed over.
 * https://platform.claude.com/docs/en/api/messages#response-content
 * https://openrouter.ai/docs/use-cases/reasoning-tokens#reasoning-details-api-shape
 */
export function convertContent(blocks: ContentBlock[], options: ContentOptions): AssistantMessage {
  const texts: string[] = [];
  const thoughts: string[] = [];
  const details: ReasoningDetail[] = [];
  const toolCalls: AssistantToolCall[] = [];
  for (const block of blocks) {
    switch (block.type) {
      case 'text':
        texts.push(block.text);
        break;
      case 'thinking':
        thoughts.push(block.thinking);
        details.push(textReasoningDetail(block.thinking, details.length, block.signature ?? undefined));
        break;
      case 'redacted_thinking':
        details.push(encryptedReasoningDetail(block.data, details.length));
        break;
      case 'tool_use': {
        const args = JSON.stringify(block.input ?? {});
        if (options.answeredThroughJsonTool && block.name === JSON_TOOL_NAME) texts.push(args);
        else
          toolCalls.push({ id: block.id, type: 'function', function: { name: block.name, arguments: args } });
        break;
      }
      case 'ignored':
        break;
    }
  }
  const reasoning = thoughts.join('');
  const showReasoning = !options.excludeReasoning;
  return {
    role: 'assistant',
    content: texts.length > 0 ? texts.join('') : null,
    ...(showReasoning && reasoning && { reasoning }),
    ...(showReasoning && details.length > 0 && { reasoning_details: details }),
    ...(toolCalls.length > 0 && { tool_calls: toolCalls }),
  };
}
