import type { HttpFailure } from '../http-io';
import { isRecord } from '../is-record';
import { invalidRequest } from './anthropic-error';

/**
 * Rejects what Anthropic's Messages API rejects, with its messages (`<field path>: <problem>`), for the
 * fields the simulator reads, so a gateway translation bug that would fail against the real API fails
 * here too: a missing max_tokens, a "system" role in messages, empty content, tool_use blocks without
 * their tool_result in the next message and the reverse. Other fields pass unread.
 * https://docs.claude.com/en/api/messages
 */
export interface AnthropicRequest {
  model: string;
  max_tokens: number;
  messages: AnthropicMessage[];
  system?: string | ContentBlock[];
  tools?: AnthropicTool[];
  tool_choice?: ToolChoice;
  stream?: boolean;
  /** Structured output: `output_config.format` (and the earlier beta's `output_format`). */
  output_config?: { format?: OutputFormat | null } | null;
  output_format?: OutputFormat | null;
}

export interface AnthropicMessage {
  role: 'user' | 'assistant';
  content: string | ContentBlock[];
}

/** text, image, document, tool_use, tool_result, thinking, …: checked only as far as the simulator reads them. */
export type ContentBlock = Record<string, unknown> & { type: string };

/** A custom tool has input_schema; a server tool (web search, …) has a versioned `type` instead. */
export interface AnthropicTool {
  type?: string;
  name: string;
  input_schema?: unknown;
}

export interface ToolChoice {
  type: 'auto' | 'any' | 'tool' | 'none';
  name?: string;
}

export interface OutputFormat {
  type: 'json_schema';
  schema: unknown;
}

type Body = Record<string, unknown>;
type Check = (body: Body) => HttpFailure | undefined;

const TOOL_CHOICE_TYPES = ['auto', 'any', 'tool', 'none'];

const CHECKS: Check[] = [
  (body) => checkString(body, 'model'),
  checkMaxTokens,
  checkMessages,
  checkToolPairs,
  checkSystem,
  checkTools,
  checkToolChoice,
  checkStream,
];

export function parseMessagesRequest(text: string): { request: AnthropicRequest } | { failure: HttpFailure } {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { failure: invalidRequest(`The request body is not valid JSON: ${reason}`) };
  }
  if (!isRecord(body))
    return { failure: invalidRequest('The request body is not valid JSON: expected an object') };
  for (const check of CHECKS) {
    const failure = check(body);
    if (failure) return { failure };
  }
  // Every field AnthropicRequest declares has been checked above.
  return { request: body as unknown as AnthropicRequest };
}

function checkString(body: Body, field: string): HttpFailure | undefined {
  if (body[field] === undefined) return fieldRequired(field);
  return typeof body[field] === 'string'
    ? undefined
    : invalidRequest(`${field}: Input should be a valid string`);
}

function checkMaxTokens(body: Body): HttpFailure | undefined {
  const value = body.max_tokens;
  if (value === undefined) return fieldRequired('max_tokens');
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    return invalidRequest('max_tokens: Input should be a valid integer');
  }
  return value >= 1 ? undefined : invalidRequest('max_tokens: Input should be greater than or equal to 1');
}

function checkMessages(body: Body): HttpFailure | undefined {
  const messages = body.messages;
  if (messages === undefined) return fieldRequired('messages');
  if (!Array.isArray(messages)) return invalidRequest('messages: Input should be a valid list');
  if (messages.length === 0) return invalidRequest('messages: at least one message is required');
  for (const [index, message] of messages.entries()) {
    const failure = checkMessage(message, index, index === messages.length - 1);
    if (failure) return failure;
  }
  return undefined;
}

function checkMessage(message: unknown, index: number, isLast: boolean): HttpFailure | undefined {
  const path = `messages.${index}`;
  if (!isRecord(message)) return invalidRequest(`${path}: Input should be a valid dictionary`);
  if (message.role === 'system') {
    return invalidRequest(
      'messages: Unexpected role "system". The Messages API accepts a top-level `system` parameter, not "system" as an input message role.',
    );
  }
  if (message.role !== 'user' && message.role !== 'assistant') {
    return invalidRequest(`${path}.role: Input should be 'user' or 'assistant'`);
  }
  const content = message.content;
  if (content === undefined) return fieldRequired(`${path}.content`);
  if (typeof content !== 'string' && !Array.isArray(content)) {
    return invalidRequest(`${path}.content: Input should be a valid list`);
  }
  // A final assistant message may be empty (or a prefix the model continues); any other must say something.
  if (content.length === 0 && !(isLast && message.role === 'assistant')) {
    return invalidRequest(
      `${path}: all messages must have non-empty content except for the optional final assistant message`,
    );
  }
  if (typeof content === 'string') return undefined;
  for (const [blockIndex, block] of content.entries()) {
    const failure = checkBlock(block, `${path}.content.${blockIndex}`);
    if (failure) return failure;
  }
  return undefined;
}

function checkBlock(block: unknown, path: string): HttpFailure | undefined {
  if (!isRecord(block)) return invalidRequest(`${path}: Input should be a valid dictionary`);
  if (typeof block.type !== 'string') return fieldRequired(`${path}.type`);
  switch (block.type) {
    case 'text':
      if (typeof block.text !== 'string') return fieldRequired(`${path}.text`);
      return block.text === ''
        ? invalidRequest('messages: text content blocks must be non-empty')
        : undefined;
    case 'tool_use':
      if (typeof block.id !== 'string') return fieldRequired(`${path}.id`);
      if (typeof block.name !== 'string') return fieldRequired(`${path}.name`);
      return isRecord(block.input)
        ? undefined
        : invalidRequest(`${path}.input: Input should be a valid dictionary`);
    case 'tool_result':
      return typeof block.tool_use_id === 'string' ? undefined : fieldRequired(`${path}.tool_use_id`);
    default:
      return undefined;
  }
}

/**
 * Every tool_use of an assistant message is answered by a tool_result in the very next (user) message,
 * and every tool_result answers a tool_use of the message just before it.
 */
function checkToolPairs(body: Body): HttpFailure | undefined {
  // checkMessages has run: every message has a role and string or block content.
  const messages = body.messages as AnthropicMessage[];
  for (const [index, message] of messages.entries()) {
    const previous = index > 0 ? messages[index - 1] : undefined;
    const asked = previous?.role === 'assistant' ? blockIds(previous, 'tool_use', 'id') : [];
    const failure =
      message.role === 'assistant'
        ? checkAnswered(message, index, messages[index + 1])
        : checkResultsAsked(message, index, asked);
    if (failure) return failure;
  }
  return undefined;
}

function checkAnswered(message: AnthropicMessage, index: number, next: AnthropicMessage | undefined) {
  const answered = next?.role === 'user' ? blockIds(next, 'tool_result', 'tool_use_id') : [];
  const unanswered = blockIds(message, 'tool_use', 'id').filter((id) => !answered.includes(id));
  if (unanswered.length === 0) return undefined;
  return invalidRequest(
    `messages.${index}: \`tool_use\` ids were found without \`tool_result\` blocks immediately after: ${unanswered.join(', ')}. Each \`tool_use\` block must have a corresponding \`tool_result\` block in the next message.`,
  );
}

function checkResultsAsked(message: AnthropicMessage, index: number, asked: string[]) {
  if (typeof message.content === 'string') return undefined;
  for (const [blockIndex, block] of message.content.entries()) {
    if (block.type !== 'tool_result' || asked.includes(String(block.tool_use_id))) continue;
    return invalidRequest(
      `messages.${index}.content.${blockIndex}: unexpected \`tool_use_id\` found in \`tool_result\` blocks: ${String(block.tool_use_id)}. Each \`tool_result\` block must have a corresponding \`tool_use\` block in the previous message.`,
    );
  }
  return undefined;
}

function blockIds(message: AnthropicMessage, type: string, idField: string): string[] {
  if (typeof message.content === 'string') return [];
  return message.content.filter((block) => block.type === type).map((block) => String(block[idField]));
}

function checkSystem(body: Body): HttpFailure | undefined {
  const system = body.system;
  if (system === undefined || typeof system === 'string') return undefined;
  if (!Array.isArray(system)) return invalidRequest('system: Input should be a valid string');
  const textOnly = system.every(
    (block) => isRecord(block) && block.type === 'text' && typeof block.text === 'string',
  );
  return textOnly ? undefined : invalidRequest('system: Input should be a valid list of text blocks');
}

function checkTools(body: Body): HttpFailure | undefined {
  if (body.tools === undefined) return undefined;
  if (!Array.isArray(body.tools)) return invalidRequest('tools: Input should be a valid list');
  for (const [index, tool] of body.tools.entries()) {
    const failure = checkTool(tool, `tools.${index}`);
    if (failure) return failure;
  }
  return undefined;
}

function checkTool(tool: unknown, path: string): HttpFailure | undefined {
  if (!isRecord(tool)) return invalidRequest(`${path}: Input should be a valid dictionary`);
  if (tool.type !== undefined && tool.type !== 'custom') return undefined;
  if (typeof tool.name !== 'string') return fieldRequired(`${path}.custom.name`);
  if (tool.input_schema === undefined) return fieldRequired(`${path}.custom.input_schema`);
  if (!isRecord(tool.input_schema))
    return invalidRequest(`${path}.custom.input_schema: Input should be a valid dictionary`);
  return tool.input_schema.type === 'object'
    ? undefined
    : invalidRequest(`${path}.custom.input_schema.type: Input should be 'object'`);
}

function checkToolChoice(body: Body): HttpFailure | undefined {
  const choice = body.tool_choice;
  if (choice === undefined) return undefined;
  if (!isRecord(choice)) return invalidRequest('tool_choice: Input should be a valid dictionary');
  if (typeof choice.type !== 'string' || !TOOL_CHOICE_TYPES.includes(choice.type)) {
    return invalidRequest(
      `tool_choice: Input tag '${String(choice.type)}' found using 'type' does not match any of the expected tags: 'auto', 'any', 'tool', 'none'`,
    );
  }
  if (choice.type === 'tool' && typeof choice.name !== 'string')
    return fieldRequired('tool_choice.tool.name');
  return undefined;
}

function checkStream(body: Body): HttpFailure | undefined {
  if (body.stream === undefined || typeof body.stream === 'boolean') return undefined;
  return invalidRequest('stream: Input should be a valid boolean');
}

function fieldRequired(path: string): HttpFailure {
  return invalidRequest(`${path}: Field required`);
}
