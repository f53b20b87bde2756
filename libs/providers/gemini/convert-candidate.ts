import type { GeminiPart } from './gemini-api';
import type { AssistantMessage, AssistantToolCall, ReasoningDetail } from '../../contracts';
import { encryptedReasoningDetail } from './reasoning-details';
import { toolCallId } from './tool-call-id';

/**
 * A whole candidate's parts as one assistant message: text parts make the content, thought parts
 * (`thought: true`, returned when thoughts are included) the reasoning, function calls the tool
 * calls with JSON arguments, and every thought signature an encrypted reasoning detail, tied to its
 * call by id. Content is null only beside tool calls, as OpenAI's clients expect.
 * https://ai.google.dev/api/generate-content#candidate
 */
export function convertCandidateParts(parts: GeminiPart[], generationId: string): AssistantMessage {
  let content = '';
  let reasoning = '';
  const toolCalls: AssistantToolCall[] = [];
  const details: ReasoningDetail[] = [];
  for (const part of parts) {
    let callId: string | undefined;
    const call = part.functionCall;
    if (call?.name) {
      callId = toolCallId(generationId, toolCalls.length, call.id);
      toolCalls.push({
        id: callId,
        type: 'function',
        function: { name: call.name, arguments: JSON.stringify(call.args ?? {}) },
      });
    } else if (part.thought) {
      reasoning += part.text ?? '';
    } else {
      content += part.text ?? '';
    }
    if (part.thoughtSignature)
      details.push(encryptedReasoningDetail(part.thoughtSignature, details.length, callId));
  }
  return {
    role: 'assistant',
    content: content === '' && toolCalls.length > 0 ? null : content,
    ...(reasoning && { reasoning }),
    ...(details.length > 0 && { reasoning_details: details }),
    ...(toolCalls.length > 0 && { tool_calls: toolCalls }),
  };
}
