import type { ReplyMessage, ReplyRequest } from '../reply';
import type { GeminiContent, GeminiPart, GeminiRequest } from './validate-request';

/**
 * A Gemini GenerateContentRequest in the terms the reply rules read (OpenAI's), so every protocol gets
 * the same deterministic answer: systemInstruction becomes a system message, `model` turns assistant
 * messages, functionResponse parts tool messages (their `response` object as JSON text), function
 * declarations functions, and the function calling mode its tool_choice.
 * https://ai.google.dev/gemini-api/docs/function-calling
 */
export function toReplyRequest(request: GeminiRequest): ReplyRequest {
  const system = request.systemInstruction
    ? [{ role: 'system', content: textBlocks(request.systemInstruction.parts) }]
    : [];
  return {
    messages: [...system, ...request.contents.flatMap(replyMessages)],
    tools: request.functionDeclarations.map((declaration) => ({
      function: { name: declaration.name, parameters: declaration.parameters },
    })),
    tool_choice: toolChoiceOf(request),
    response_format: responseFormatOf(request),
    max_tokens: request.maxOutputTokens,
  };
}

function replyMessages(content: GeminiContent): ReplyMessage[] {
  const results = content.parts.flatMap((part) =>
    part.functionResponse
      ? [{ role: 'tool', content: JSON.stringify(part.functionResponse.response ?? {}) }]
      : [],
  );
  const rest = content.parts.filter((part) => !part.functionResponse);
  const role = content.role === 'model' ? 'assistant' : 'user';
  return rest.length === 0 ? results : [...results, { role, content: textBlocks(rest) }];
}

function textBlocks(parts: GeminiPart[]) {
  return parts.flatMap((part) => (part.text === undefined ? [] : [{ type: 'text', text: part.text }]));
}

/** NONE → none; ANY → the first allowed function, or any; AUTO and VALIDATED → the default. */
function toolChoiceOf({ functionCallingMode, allowedFunctionNames }: GeminiRequest): unknown {
  if (functionCallingMode === 'NONE') return 'none';
  if (functionCallingMode !== 'ANY') return undefined;
  const [allowed] = allowedFunctionNames;
  return allowed === undefined ? 'required' : { type: 'function', function: { name: allowed } };
}

/** JSON mode: with a schema an example of it, without one the echo as a JSON object. */
function responseFormatOf(request: GeminiRequest): ReplyRequest['response_format'] {
  if (request.responseMimeType !== 'application/json') return undefined;
  if (request.responseSchema === undefined) return { type: 'json_object' };
  return { type: 'json_schema', json_schema: { schema: request.responseSchema } };
}
