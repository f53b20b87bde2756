import type { ChatRequest } from '../../contracts';
import { toGeminiJsonSchema } from './convert-json-schema';

interface FunctionDeclaration {
  name: string;
  description?: string;
  parametersJsonSchema?: unknown;
}

export interface GeminiTools {
  tools?: { functionDeclarations: FunctionDeclaration[] }[];
  toolConfig?: { functionCallingConfig: { mode: 'AUTO' | 'ANY' | 'NONE'; allowedFunctionNames?: string[] } };
}

/**
 * OpenAI's function tools and `tool_choice` as Gemini's declarations and calling mode.
 * https://ai.google.dev/api/caching#Tool
 * https://ai.google.dev/gemini-api/docs/function-calling#function_calling_modes
 *
 * | tool_choice                       | functionCallingConfig                  |
 * | absent                            | absent (Gemini's default, AUTO)        |
 * | auto                              | AUTO                                   |
 * | none                              | NONE                                   |
 * | required                          | ANY                                    |
 * | {type:function, function:{name}}  | ANY, allowedFunctionNames: [name]      |
 */
export function convertTools(
  tools: ChatRequest['tools'],
  toolChoice: ChatRequest['tool_choice'],
): GeminiTools {
  if (!tools?.length) return {};
  const functionDeclarations = tools.map(({ function: declared }) => ({
    name: declared.name,
    ...(declared.description !== undefined && { description: declared.description }),
    ...(declared.parameters !== undefined && {
      parametersJsonSchema: toGeminiJsonSchema(declared.parameters),
    }),
  }));
  return {
    tools: [{ functionDeclarations }],
    ...(toolChoice != null && { toolConfig: { functionCallingConfig: callingConfig(toolChoice) } }),
  };
}

function callingConfig(
  toolChoice: NonNullable<ChatRequest['tool_choice']>,
): NonNullable<GeminiTools['toolConfig']>['functionCallingConfig'] {
  switch (toolChoice) {
    case 'auto':
      return { mode: 'AUTO' };
    case 'none':
      return { mode: 'NONE' };
    case 'required':
      return { mode: 'ANY' };
    default:
      return { mode: 'ANY', allowedFunctionNames: [toolChoice.function.name] };
  }
}
