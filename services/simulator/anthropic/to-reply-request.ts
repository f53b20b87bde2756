import { isRecord } from '../is-record';
import type { ReplyMessage, ReplyRequest, ReplyTool } from '../reply';
import type { AnthropicMessage, AnthropicRequest, AnthropicTool, ToolChoice } from './validate-request';

/**
 * An Anthropic Messages request in the terms the reply rules read (OpenAI's), so every protocol gets the
 * same deterministic answer: `system` becomes a system message, a user turn's tool_result blocks become
 * tool messages, custom tools become functions, and `tool_choice` maps to its OpenAI equivalent.
 * https://docs.claude.com/en/docs/agents-and-tools/tool-use/implement-tool-use
 */
export function toReplyRequest(request: AnthropicRequest): ReplyRequest {
  const system: ReplyMessage[] =
    request.system === undefined ? [] : [{ role: 'system', content: request.system }];
  return {
    messages: [...system, ...request.messages.flatMap(replyMessages)],
    tools: (request.tools ?? []).filter(isCustomTool).map(replyTool),
    tool_choice: toolChoiceOf(request.tool_choice),
    response_format: responseFormatOf(request),
    max_tokens: request.max_tokens,
  };
}

/** Tool results come first in a user turn (Anthropic requires it), like OpenAI's tool messages before the next user message. */
function replyMessages(message: AnthropicMessage): ReplyMessage[] {
  if (typeof message.content === 'string') return [message];
  const results = message.content
    .filter((block) => block.type === 'tool_result')
    .map((block) => ({ role: 'tool', content: block.content }));
  const rest = message.content.filter((block) => block.type !== 'tool_result');
  return rest.length === 0 ? results : [...results, { role: message.role, content: rest }];
}

function isCustomTool(tool: AnthropicTool): boolean {
  return tool.type === undefined || tool.type === 'custom';
}

function replyTool(tool: AnthropicTool): ReplyTool {
  return { function: { name: tool.name, parameters: tool.input_schema } };
}

/** auto → the default, any → required, tool → that function, none → none. */
function toolChoiceOf(choice: ToolChoice | undefined): unknown {
  switch (choice?.type) {
    case 'any':
      return 'required';
    case 'tool':
      return { type: 'function', function: { name: choice.name } };
    case 'none':
      return 'none';
    default:
      return undefined;
  }
}

/** Structured outputs: https://docs.claude.com/en/docs/build-with-claude/structured-outputs */
function responseFormatOf(request: AnthropicRequest): ReplyRequest['response_format'] {
  const format = request.output_config?.format ?? request.output_format;
  if (!isRecord(format) || format.type !== 'json_schema') return undefined;
  return { type: 'json_schema', json_schema: { schema: format.schema } };
}
