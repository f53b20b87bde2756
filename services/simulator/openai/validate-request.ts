import type { HttpFailure } from '../http-io';
import { isRecord } from '../is-record';
import { namedToolChoice, type ReplyRequest } from '../reply';
import { invalidRequest } from './openai-error';

/**
 * Rejects what OpenAI rejects, with OpenAI's messages, for the fields the simulator reads, so a gateway
 * bug that would fail against the real API fails against the simulator too. Other fields pass unread.
 * https://platform.openai.com/docs/api-reference/chat/create
 */
export interface SimulatorRequest extends ReplyRequest {
  model: string;
  stream?: boolean | null;
  stream_options?: { include_usage?: unknown } | null;
}

export type Body = Record<string, unknown>;
export type Check = (body: Body) => HttpFailure | undefined;

const UNPARSABLE_BODY =
  "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly. The OpenAI API expects a JSON payload, but what was sent was not valid JSON.)";

const ROLES = ['system', 'assistant', 'user', 'function', 'tool', 'developer'];
const TOOL_CHOICES = ['none', 'auto', 'required'];
const RESPONSE_FORMATS = ['text', 'json_object', 'json_schema'];

const CHECKS: Check[] = [
  checkModel,
  checkMessages,
  checkStream,
  (body) => checkPositiveInteger(body, 'max_tokens'),
  (body) => checkPositiveInteger(body, 'max_completion_tokens'),
  checkTools,
  checkToolChoice,
  checkResponseFormat,
];

export function parseChatRequest(text: string): { request: SimulatorRequest } | { failure: HttpFailure } {
  const parsed = parseBody(text, CHECKS);
  // Every field SimulatorRequest declares has been checked.
  return 'failure' in parsed ? parsed : { request: parsed.body as unknown as SimulatorRequest };
}

/** A JSON object that passes every check, or the first check's failure; shared by OpenAI's endpoints. */
export function parseBody(text: string, checks: readonly Check[]): { body: Body } | { failure: HttpFailure } {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return { failure: invalidRequest(UNPARSABLE_BODY) };
  }
  if (!isRecord(body)) return { failure: invalidRequest(UNPARSABLE_BODY) };
  for (const check of checks) {
    const failure = check(body);
    if (failure) return { failure };
  }
  return { body };
}

export function checkModel(body: Body): HttpFailure | undefined {
  if (body.model === undefined || body.model === null || body.model === '') {
    return invalidRequest('you must provide a model parameter');
  }
  return typeof body.model === 'string' ? undefined : wrongType('model', 'a string', body.model);
}

function checkMessages(body: Body): HttpFailure | undefined {
  const messages = body.messages;
  if (messages === undefined) return missing('messages');
  if (!Array.isArray(messages)) return wrongType('messages', 'an array of objects', messages);
  if (messages.length === 0) {
    return invalidRequest(
      "Invalid 'messages': empty array. Expected an array with minimum length 1, but got an empty array instead.",
      'messages',
      'empty_array',
    );
  }
  for (const [index, message] of messages.entries()) {
    const failure = checkMessage(message, `messages[${index}]`);
    if (failure) return failure;
  }
  return undefined;
}

function checkMessage(message: unknown, path: string): HttpFailure | undefined {
  if (!isRecord(message)) return wrongType(path, 'an object', message);
  if (message.role === undefined) return missing(`${path}.role`);
  const badRole = oneOf(message.role, ROLES, `${path}.role`);
  if (badRole) return badRole;
  if (message.role === 'tool' && typeof message.tool_call_id !== 'string')
    return missing(`${path}.tool_call_id`);
  // Only an assistant message may leave out its content (when it carries tool calls instead).
  if (message.role === 'assistant' || message.role === 'function') return undefined;
  if (message.content === undefined) return missing(`${path}.content`);
  const content = message.content;
  return typeof content === 'string' || Array.isArray(content)
    ? undefined
    : wrongType(`${path}.content`, 'one of a string or array of objects', content);
}

function checkStream(body: Body): HttpFailure | undefined {
  if (!isAbsent(body.stream) && typeof body.stream !== 'boolean') {
    return wrongType('stream', 'a boolean', body.stream);
  }
  if (isAbsent(body.stream_options)) return undefined;
  if (!isRecord(body.stream_options)) return wrongType('stream_options', 'an object', body.stream_options);
  return body.stream === true
    ? undefined
    : invalidRequest(
        "The 'stream_options' parameter is only allowed when 'stream' is enabled.",
        'stream_options',
      );
}

export function checkPositiveInteger(body: Body, field: string): HttpFailure | undefined {
  const value = body[field];
  if (isAbsent(value)) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value)) return wrongType(field, 'an integer', value);
  if (value >= 1) return undefined;
  return invalidRequest(
    `Invalid '${field}': integer below minimum value. Expected a value >= 1, but got ${value} instead.`,
    field,
    'integer_below_min_value',
  );
}

function checkTools(body: Body): HttpFailure | undefined {
  if (isAbsent(body.tools)) return undefined;
  if (!Array.isArray(body.tools)) return wrongType('tools', 'an array', body.tools);
  for (const [index, tool] of body.tools.entries()) {
    const failure = checkTool(tool, `tools[${index}]`);
    if (failure) return failure;
  }
  return undefined;
}

function checkTool(tool: unknown, path: string): HttpFailure | undefined {
  if (!isRecord(tool)) return wrongType(path, 'an object', tool);
  if (tool.type === undefined) return missing(`${path}.type`);
  const badType = oneOf(tool.type, ['function'], `${path}.type`);
  if (badType) return badType;
  if (!isRecord(tool.function)) return missing(`${path}.function`);
  if (typeof tool.function.name !== 'string') return missing(`${path}.function.name`);
  return undefined;
}

function checkToolChoice(body: Body): HttpFailure | undefined {
  const choice = body.tool_choice;
  if (isAbsent(choice)) return undefined;
  const tools: unknown[] = Array.isArray(body.tools) ? body.tools : [];
  if (tools.length === 0) {
    return invalidRequest(
      "Invalid value for 'tool_choice': 'tool_choice' is only allowed when 'tools' are specified.",
      'tool_choice',
    );
  }
  if (typeof choice === 'string') return oneOf(choice, TOOL_CHOICES, 'tool_choice');
  const name = namedToolChoice(choice);
  if (name === undefined) return missing('tool_choice.function.name');
  const known = tools.some(
    (tool) => isRecord(tool) && isRecord(tool.function) && tool.function.name === name,
  );
  return known
    ? undefined
    : invalidRequest(
        `Invalid value for 'tool_choice': no function named '${name}' in 'tools'.`,
        'tool_choice',
      );
}

function checkResponseFormat(body: Body): HttpFailure | undefined {
  const format = body.response_format;
  if (isAbsent(format)) return undefined;
  if (!isRecord(format)) return wrongType('response_format', 'an object', format);
  if (format.type === undefined) return missing('response_format.type');
  const badType = oneOf(format.type, RESPONSE_FORMATS, 'response_format.type');
  if (badType) return badType;
  const needsSchema = format.type === 'json_schema' && !isRecord(format.json_schema);
  return needsSchema ? missing('response_format.json_schema') : undefined;
}

export function missing(param: string): HttpFailure {
  return invalidRequest(`Missing required parameter: '${param}'.`, param, 'missing_required_parameter');
}

export function wrongType(param: string, expected: string, value: unknown): HttpFailure {
  return invalidRequest(
    `Invalid type for '${param}': expected ${expected}, but got ${describeType(value)} instead.`,
    param,
    'invalid_type',
  );
}

export function oneOf(value: unknown, allowed: string[], param: string): HttpFailure | undefined {
  if (typeof value === 'string' && allowed.includes(value)) return undefined;
  const supported = allowed.map((v) => `'${v}'`).join(', ');
  return invalidRequest(
    `Invalid value: '${String(value)}'. Supported values are: ${supported}.`,
    param,
    'invalid_value',
  );
}

function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'an integer' : 'a decimal';
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}

/** OpenAI treats an explicit null like an omitted field. */
export function isAbsent(value: unknown): value is null | undefined {
  return value === undefined || value === null;
}
