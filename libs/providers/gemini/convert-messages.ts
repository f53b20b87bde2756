import { errors, type ChatMessage } from '../../contracts';
import { convertMediaUrl, type MediaPart } from './convert-media-url';
import { readThoughtSignatures } from './reasoning-details';

export type GeminiRequestPart =
  | { text: string; thoughtSignature?: string }
  | MediaPart
  | { functionCall: { name: string; args: Record<string, unknown> }; thoughtSignature?: string }
  | { functionResponse: { name: string; response: Record<string, unknown> } };

export interface GeminiContent {
  role: 'user' | 'model';
  parts: GeminiRequestPart[];
}

export interface GeminiPrompt {
  systemInstruction?: { parts: { text: string }[] };
  contents: GeminiContent[];
}

/**
 * Google's documented stand-in for a signature the client no longer has (a history from another
 * model, or a client that dropped `reasoning_details`): Gemini 3 rejects a function call replayed
 * without one. https://ai.google.dev/gemini-api/docs/thought-signatures#faqs
 */
export const SKIP_THOUGHT_SIGNATURE = 'skip_thought_signature_validator';

type UserMessage = Extract<ChatMessage, { role: 'user' }>;
type AssistantMessage = Extract<ChatMessage, { role: 'assistant' }>;
type ToolMessage = Extract<ChatMessage, { role: 'tool' }>;
type UserPart = Exclude<UserMessage['content'], string>[number];

/**
 * Chat messages as Gemini's prompt: system and developer messages, wherever they stand, join the one
 * `systemInstruction`; the assistant speaks as `model`; tool results are `functionResponse` parts
 * of a `user` turn, one turn for consecutive results, since Gemini wants every response to a
 * parallel call batch in one turn. Empty texts are left out: Gemini rejects an empty text part.
 * https://ai.google.dev/api/generate-content#request-body
 * https://ai.google.dev/gemini-api/docs/function-calling#parallel_function_calling
 */
export function convertMessages(
  messages: ChatMessage[],
  options: { requireToolCallSignatures: boolean },
): GeminiPrompt {
  const system: { text: string }[] = [];
  const contents: GeminiContent[] = [];
  const toolNames = new Map<string, string>();
  let previousWasTool = false;
  messages.forEach((message, position) => {
    const field = `messages[${position}]`;
    switch (message.role) {
      case 'system':
      case 'developer':
        system.push(...textsOf(message.content).map((text) => ({ text })));
        break;
      case 'user':
        contents.push({ role: 'user', parts: userParts(message, field) });
        break;
      case 'assistant':
        for (const call of message.tool_calls ?? []) toolNames.set(call.id, call.function.name);
        contents.push({ role: 'model', parts: modelParts(message, field, options) });
        break;
      case 'tool': {
        const part = functionResponsePart(message, toolNames, field);
        if (previousWasTool) contents[contents.length - 1].parts.push(part);
        else contents.push({ role: 'user', parts: [part] });
        break;
      }
    }
    previousWasTool = message.role === 'tool';
  });
  return {
    ...(system.length > 0 && { systemInstruction: { parts: system } }),
    contents: contents.filter((content) => content.parts.length > 0),
  };
}

function textsOf(content: string | { text: string }[] | null | undefined): string[] {
  const texts = typeof content === 'string' ? [content] : (content ?? []).map((part) => part.text);
  return texts.filter((text) => text !== '');
}

function userParts(message: UserMessage, field: string): GeminiRequestPart[] {
  if (typeof message.content === 'string') return textsOf(message.content).map((text) => ({ text }));
  return message.content
    .filter((part) => part.type !== 'text' || part.text !== '')
    .map((part, index) => userPart(part, `${field}.content[${index}]`));
}

function userPart(part: UserPart, field: string): GeminiRequestPart {
  switch (part.type) {
    case 'text':
      return { text: part.text };
    case 'image_url':
      return convertMediaUrl(part.image_url.url, 'image/jpeg', `${field}.image_url.url`);
    case 'input_audio':
      // OpenAI names the format (`wav`, `mp3`); Gemini wants the MIME type.
      return { inlineData: { mimeType: `audio/${part.input_audio.format}`, data: part.input_audio.data } };
    case 'file': {
      const fileData = part.file.file_data;
      if (typeof fileData !== 'string') {
        throw errors.badRequest(
          `Invalid request: ${field}.file.file_data: is required for Gemini models (a data URL or an http(s) URL; OpenAI file ids are not readable here)`,
        );
      }
      return convertMediaUrl(fileData, 'application/pdf', `${field}.file.file_data`);
    }
  }
}

function modelParts(
  message: AssistantMessage,
  field: string,
  options: { requireToolCallSignatures: boolean },
): GeminiRequestPart[] {
  const signatures = readThoughtSignatures(message.reasoning_details);
  const text = textsOf(message.content).join('');
  const textSignature = signatures.onText[0];
  const calls = (message.tool_calls ?? []).map((call, index) => {
    const signature = signatures.byToolCallId.get(call.id);
    return {
      functionCall: {
        name: call.function.name,
        args: parseArguments(call.function.arguments, `${field}.tool_calls[${index}].function.arguments`),
      },
      ...(signature !== undefined && { thoughtSignature: signature }),
    };
  });
  // Gemini 3 signs only the first call of a parallel batch, so one signature per message is enough.
  if (options.requireToolCallSignatures && calls.length > 0 && !calls.some((call) => call.thoughtSignature)) {
    calls[0] = { ...calls[0], thoughtSignature: SKIP_THOUGHT_SIGNATURE };
  }
  return [
    ...(text !== ''
      ? [{ text, ...(textSignature !== undefined && { thoughtSignature: textSignature }) }]
      : []),
    ...calls,
  ];
}

function parseArguments(text: string, field: string): Record<string, unknown> {
  if (text.trim() === '') return {};
  const parsed = parseJsonOrUndefined(text);
  if (!isPlainObject(parsed)) throw errors.badRequest(`Invalid request: ${field}: must be a JSON object`);
  return parsed;
}

/**
 * Gemini names the function a result answers rather than the call's id, so the name is found from
 * the earlier call. A JSON object result is the response itself; anything else is wrapped.
 * https://ai.google.dev/api/caching#FunctionResponse
 */
function functionResponsePart(
  message: ToolMessage,
  toolNames: Map<string, string>,
  field: string,
): GeminiRequestPart {
  const name = toolNames.get(message.tool_call_id);
  if (name === undefined) {
    throw errors.badRequest(
      `Invalid request: ${field}.tool_call_id: no earlier assistant message has a tool call with id "${message.tool_call_id}"`,
    );
  }
  const content =
    typeof message.content === 'string' ? message.content : message.content.map((part) => part.text).join('');
  const parsed = parseJsonOrUndefined(content);
  return { functionResponse: { name, response: isPlainObject(parsed) ? parsed : { content } } };
}

function parseJsonOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
