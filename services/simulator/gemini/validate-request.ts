import type { HttpFailure } from '../http-io';
import { isRecord } from '../is-record';
import { invalidArgument } from './gemini-error';

/**
 * Reads a GenerateContentRequest as Gemini does, and rejects what Gemini rejects, with its messages, for
 * the fields the simulator reads: no contents, empty parts, a part without data, a bad role, function
 * declarations with invalid names, and function responses that do not answer the function call turn
 * just before them. Like every Google API it takes each field in lowerCamelCase or snake_case
 * (`systemInstruction` or `system_instruction`); the result uses lowerCamelCase. Other fields pass unread.
 * https://ai.google.dev/api/generate-content#request-body
 */
export interface GeminiRequest {
  contents: GeminiContent[];
  systemInstruction?: GeminiContent;
  functionDeclarations: FunctionDeclaration[];
  /** AUTO, ANY, NONE or VALIDATED; AUTO when unset. */
  functionCallingMode: string;
  allowedFunctionNames: string[];
  maxOutputTokens?: number;
  responseMimeType?: string;
  /** `responseJsonSchema`, else `responseSchema` (Gemini's OpenAPI subset). */
  responseSchema?: unknown;
}

export interface GeminiContent {
  role: 'user' | 'model';
  parts: GeminiPart[];
}

/** Only the data the simulator reads; inline data, files and code parts are kept as `{}`. */
export interface GeminiPart {
  text?: string;
  functionCall?: { name: string; args?: unknown };
  functionResponse?: { name: string; response?: unknown };
}

export interface FunctionDeclaration {
  name: string;
  /** `parametersJsonSchema`, else `parameters`. */
  parameters?: unknown;
}

export type Body = Record<string, unknown>;
export type Parsed<T> = { value: T } | { failure: HttpFailure };

const REQUEST = 'GenerateContentRequest';
export const PROTO_TYPES = 'type.googleapis.com/google.ai.generativelanguage.v1beta';
const CONTENT_TYPE = `${PROTO_TYPES}.Content`;
const PART_TYPE = `${PROTO_TYPES}.Part`;
const TOOL_TYPE = `${PROTO_TYPES}.Tool`;
export const PART_DATA_FIELDS = [
  'text',
  'inlineData',
  'functionCall',
  'functionResponse',
  'fileData',
  'executableCode',
  'codeExecutionResult',
];
const FUNCTION_CALLING_MODES = ['MODE_UNSPECIFIED', 'AUTO', 'ANY', 'NONE', 'VALIDATED'];
/** https://ai.google.dev/api/caching#FunctionDeclaration */
const FUNCTION_NAME = /^[A-Za-z_][\w.:-]{0,63}$/;

export function parseGenerateContentRequest(
  text: string,
): { request: GeminiRequest } | { failure: HttpFailure } {
  const parsed = parseJsonBody(text);
  if ('failure' in parsed) return parsed;
  const body = parsed.value;
  const contents = parseContents(field(body, 'contents'));
  if ('failure' in contents) return contents;
  const system = parseSystemInstruction(field(body, 'systemInstruction'));
  if ('failure' in system) return system;
  const declarations = parseTools(field(body, 'tools'));
  if ('failure' in declarations) return declarations;
  const calling = parseToolConfig(field(body, 'toolConfig'));
  if ('failure' in calling) return calling;
  const generation = parseGenerationConfig(field(body, 'generationConfig'));
  if ('failure' in generation) return generation;
  const request: GeminiRequest = {
    contents: contents.value,
    systemInstruction: system.value,
    functionDeclarations: declarations.value,
    ...calling.value,
    ...generation.value,
  };
  return { request };
}

function parseContents(contents: unknown): Parsed<GeminiContent[]> {
  if (contents === undefined || (Array.isArray(contents) && contents.length === 0)) {
    return requestFailure('contents', 'contents is not specified');
  }
  if (!Array.isArray(contents)) return invalidValue('contents', CONTENT_TYPE, contents);
  const parsed: GeminiContent[] = [];
  for (const [index, content] of contents.entries()) {
    const one = parseContent(content, `contents[${index}]`);
    if ('failure' in one) return one;
    parsed.push(one.value);
  }
  const turnFailure = checkFunctionTurns(parsed);
  return turnFailure ? { failure: turnFailure } : { value: parsed };
}

function parseContent(content: unknown, path: string): Parsed<GeminiContent> {
  if (!isRecord(content)) return invalidValue(path, CONTENT_TYPE, content);
  const role = content.role ?? 'user';
  if (role !== 'user' && role !== 'model')
    return { failure: invalidArgument('Please use a valid role: user, model.') };
  const parts = content.parts;
  if (parts === undefined || (Array.isArray(parts) && parts.length === 0)) {
    return requestFailure(`${path}.parts`, 'contents.parts must not be empty.');
  }
  if (!Array.isArray(parts)) return invalidValue(`${path}.parts`, PART_TYPE, parts);
  const parsed: GeminiPart[] = [];
  for (const [index, part] of parts.entries()) {
    const one = parsePart(part, `${path}.parts[${index}]`);
    if ('failure' in one) return one;
    parsed.push(one.value);
  }
  return { value: { role, parts: parsed } };
}

function parsePart(part: unknown, path: string): Parsed<GeminiPart> {
  if (!isRecord(part)) return invalidValue(path, PART_TYPE, part);
  if (!PART_DATA_FIELDS.some((name) => field(part, name) !== undefined)) {
    return requestFailure(`${path}.data`, "required oneof field 'data' must have one initialized field");
  }
  const text = field(part, 'text');
  if (text !== undefined) {
    return typeof text === 'string' ? { value: { text } } : invalidValue(`${path}.text`, 'TYPE_STRING', text);
  }
  const call = field(part, 'functionCall');
  if (call !== undefined) {
    if (!isRecord(call) || typeof call.name !== 'string' || call.name === '') {
      return requestFailure(`${path}.function_call.name`, 'Name cannot be empty.');
    }
    return { value: { functionCall: { name: call.name, args: call.args } } };
  }
  const response = field(part, 'functionResponse');
  if (response !== undefined) {
    if (!isRecord(response) || typeof response.name !== 'string' || response.name === '') {
      return requestFailure(`${path}.function_response.name`, 'Name cannot be empty.');
    }
    return { value: { functionResponse: { name: response.name, response: response.response } } };
  }
  return { value: {} };
}

/**
 * A function call turn follows a user turn or a function response turn; a function response turn
 * follows a function call turn and answers each of its calls.
 */
function checkFunctionTurns(contents: GeminiContent[]): HttpFailure | undefined {
  for (const [index, content] of contents.entries()) {
    const previous = index > 0 ? contents[index - 1] : undefined;
    const calls = countParts(content, 'functionCall');
    const responses = countParts(content, 'functionResponse');
    if (calls > 0 && previous?.role !== 'user') {
      return invalidArgument(
        'Please ensure that function call turn comes immediately after a user turn or after a function response turn.',
      );
    }
    if (responses === 0) continue;
    const previousCalls = previous ? countParts(previous, 'functionCall') : 0;
    if (previousCalls === 0) {
      return invalidArgument(
        'Please ensure that function response turn comes immediately after a function call turn.',
      );
    }
    if (previousCalls !== responses) {
      return invalidArgument(
        'Please ensure that the number of function response parts is equal to the number of function call parts of the function call turn.',
      );
    }
  }
  return undefined;
}

function countParts(content: GeminiContent, kind: 'functionCall' | 'functionResponse'): number {
  return content.parts.filter((part) => part[kind] !== undefined).length;
}

function parseSystemInstruction(instruction: unknown): Parsed<GeminiContent | undefined> {
  if (instruction === undefined) return { value: undefined };
  if (!isRecord(instruction) || !Array.isArray(instruction.parts)) {
    return invalidValue('system_instruction', CONTENT_TYPE, instruction);
  }
  const parts: GeminiPart[] = [];
  for (const [index, part] of instruction.parts.entries()) {
    const one = parsePart(part, `system_instruction.parts[${index}]`);
    if ('failure' in one) return one;
    parts.push(one.value);
  }
  return { value: { role: 'user', parts } };
}

function parseTools(tools: unknown): Parsed<FunctionDeclaration[]> {
  if (tools === undefined) return { value: [] };
  if (!Array.isArray(tools)) return invalidValue('tools', TOOL_TYPE, tools);
  const declarations: FunctionDeclaration[] = [];
  for (const [toolIndex, tool] of tools.entries()) {
    const list = isRecord(tool) ? (field(tool, 'functionDeclarations') ?? []) : undefined;
    if (!Array.isArray(list)) return invalidValue(`tools[${toolIndex}]`, TOOL_TYPE, tool);
    for (const [index, declaration] of list.entries()) {
      const path = `tools[${toolIndex}].function_declarations[${index}]`;
      const name = isRecord(declaration) ? declaration.name : undefined;
      if (!isRecord(declaration) || typeof name !== 'string' || !FUNCTION_NAME.test(name)) {
        return requestFailure(
          `${path}.name`,
          'Invalid function name. Must start with a letter or an underscore. Must be a-z, A-Z, 0-9, or contain underscores, dots, colons and dashes, with a maximum length of 64.',
        );
      }
      declarations.push({
        name,
        parameters: field(declaration, 'parametersJsonSchema') ?? declaration.parameters,
      });
    }
  }
  return { value: declarations };
}

function parseToolConfig(
  config: unknown,
): Parsed<Pick<GeminiRequest, 'functionCallingMode' | 'allowedFunctionNames'>> {
  const calling = isRecord(config) ? field(config, 'functionCallingConfig') : undefined;
  if (!isRecord(calling)) return { value: { functionCallingMode: 'AUTO', allowedFunctionNames: [] } };
  const mode = calling.mode ?? 'AUTO';
  if (typeof mode !== 'string' || !FUNCTION_CALLING_MODES.includes(mode)) {
    return invalidValue(
      'tool_config.function_calling_config.mode',
      `${PROTO_TYPES}.FunctionCallingConfig.Mode`,
      mode,
    );
  }
  const allowed = field(calling, 'allowedFunctionNames') ?? [];
  if (!Array.isArray(allowed) || !allowed.every((name) => typeof name === 'string')) {
    return invalidValue('tool_config.function_calling_config.allowed_function_names', 'TYPE_STRING', allowed);
  }
  return {
    value: {
      functionCallingMode: mode === 'MODE_UNSPECIFIED' ? 'AUTO' : mode,
      allowedFunctionNames: allowed,
    },
  };
}

function parseGenerationConfig(
  config: unknown,
): Parsed<Pick<GeminiRequest, 'maxOutputTokens' | 'responseMimeType' | 'responseSchema'>> {
  if (config === undefined) return { value: {} };
  if (!isRecord(config)) return invalidValue('generation_config', `${PROTO_TYPES}.GenerationConfig`, config);
  const maxTokens = field(config, 'maxOutputTokens');
  // Protobuf JSON takes an int32 as a number or as a decimal string.
  const maxOutputTokens =
    typeof maxTokens === 'string' && /^\d+$/.test(maxTokens) ? Number(maxTokens) : maxTokens;
  if (
    maxOutputTokens !== undefined &&
    !(typeof maxOutputTokens === 'number' && Number.isInteger(maxOutputTokens))
  ) {
    return invalidValue('generation_config.max_output_tokens', 'TYPE_INT32', maxTokens);
  }
  const mimeType = field(config, 'responseMimeType');
  if (mimeType !== undefined && typeof mimeType !== 'string') {
    return invalidValue('generation_config.response_mime_type', 'TYPE_STRING', mimeType);
  }
  const responseSchema = field(config, 'responseJsonSchema') ?? field(config, 'responseSchema');
  return { value: { maxOutputTokens, responseMimeType: mimeType, responseSchema } };
}

/** The body as a JSON object, or the failure Google's JSON parser answers with; shared by Gemini's methods. */
export function parseJsonBody(text: string): Parsed<Body> {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return { failure: invalidArgument('Invalid JSON payload received. Unexpected token.') };
  }
  if (!isRecord(body)) {
    return {
      failure: invalidArgument(
        'Invalid JSON payload received. Unknown name "": Root element must be a message.',
      ),
    };
  }
  return { value: body };
}

/** A field by its lowerCamelCase name or its snake_case twin, as Google's JSON parser accepts both. */
export function field(object: Body, camelName: string): unknown {
  return object[camelName] ?? object[camelName.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`)];
}

function requestFailure<T>(path: string, problem: string): Parsed<T> {
  return { failure: invalidArgument(`* ${REQUEST}.${path}: ${problem}\n`) };
}

function invalidValue<T>(path: string, type: string, value: unknown): Parsed<T> {
  return { failure: invalidArgument(`Invalid value at '${path}' (${type}), ${JSON.stringify(value)}`) };
}
