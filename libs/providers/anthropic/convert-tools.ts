import type { ChatRequest } from '../../contracts';

export interface AnthropicTool {
  name: string;
  description?: string;
  input_schema: Record<string, unknown>;
  strict?: true;
}

export type AnthropicToolChoice =
  | { type: 'auto' | 'any'; disable_parallel_tool_use?: true }
  | { type: 'tool'; name: string; disable_parallel_tool_use?: true }
  | { type: 'none' };

/** Anthropic wants an object schema for every tool; a function without parameters takes none. */
const NO_PARAMETERS = { type: 'object', properties: {} };

/**
 * OpenAI's function tools and tool choice as Anthropic's:
 *
 * | OpenAI                            | Anthropic                               |
 * | tool_choice: auto                 | {type: auto}                            |
 * | tool_choice: none                 | {type: none}                            |
 * | tool_choice: required             | {type: any}                             |
 * | tool_choice: {function: {name}}   | {type: tool, name}                      |
 * | parallel_tool_calls: false        | disable_parallel_tool_use: true         |
 * | function.strict: true             | strict: true                            |
 *
 * Without tools nothing is sent: a tool choice among no tools is an error upstream.
 * https://platform.claude.com/docs/en/agents-and-tools/tool-use/define-tools
 * https://platform.claude.com/docs/en/agents-and-tools/tool-use/parallel-tool-use
 */
export function convertTools(request: Pick<ChatRequest, 'tools' | 'tool_choice' | 'parallel_tool_calls'>): {
  tools?: AnthropicTool[];
  tool_choice?: AnthropicToolChoice;
} {
  if (!request.tools?.length) return {};
  const tools = request.tools.map(({ function: fn }) => ({
    name: fn.name,
    ...(fn.description && { description: fn.description }),
    input_schema: fn.parameters ?? NO_PARAMETERS,
    ...(fn.strict === true && { strict: true as const }),
  }));
  const toolChoice = convertToolChoice(request.tool_choice, request.parallel_tool_calls === false);
  return { tools, ...(toolChoice && { tool_choice: toolChoice }) };
}

function convertToolChoice(
  choice: ChatRequest['tool_choice'],
  oneCallOnly: boolean,
): AnthropicToolChoice | undefined {
  const parallel = oneCallOnly ? { disable_parallel_tool_use: true as const } : {};
  switch (choice) {
    case 'none':
      return { type: 'none' };
    case 'required':
      return { type: 'any', ...parallel };
    case 'auto':
      return { type: 'auto', ...parallel };
    case null:
    case undefined:
      return oneCallOnly ? { type: 'auto', ...parallel } : undefined;
    default:
      return { type: 'tool', name: choice.function.name, ...parallel };
  }
}
