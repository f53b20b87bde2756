import type { ChatRequest } from '../../../libs/contracts';
import type { AnthropicTool, AnthropicToolChoice } from './messages-request';

type ToolFields = Pick<ChatRequest, 'tools' | 'tool_choice' | 'parallel_tool_calls'>;

/**
 * Anthropic's tools as OpenAI functions (`input_schema` is the `parameters` JSON schema) and its tool
 * choice in OpenAI's words: `any` is `required`, `tool` names a function, and
 * `disable_parallel_tool_use` is `parallel_tool_calls: false`. Without tools the choice is left out,
 * since OpenAI refuses `tool_choice` and `parallel_tool_calls` when no tools are given.
 * https://docs.anthropic.com/en/api/messages#body-tool-choice
 * https://platform.openai.com/docs/api-reference/chat/create#chat-create-tool_choice
 */
export function convertTools(
  tools: readonly AnthropicTool[] | undefined,
  choice: AnthropicToolChoice | undefined,
): ToolFields {
  if (!tools?.length) return {};
  return {
    tools: tools.map((tool) => ({
      type: 'function',
      function: {
        name: tool.name,
        ...(tool.description !== undefined && { description: tool.description }),
        parameters: tool.input_schema,
        ...(tool.strict !== undefined && { strict: tool.strict }),
      },
    })),
    ...(choice && { tool_choice: convertToolChoice(choice) }),
    ...(choice?.type !== 'none' && choice?.disable_parallel_tool_use && { parallel_tool_calls: false }),
  };
}

function convertToolChoice(choice: AnthropicToolChoice): NonNullable<ChatRequest['tool_choice']> {
  switch (choice.type) {
    case 'auto':
      return 'auto';
    case 'any':
      return 'required';
    case 'none':
      return 'none';
    case 'tool':
      return { type: 'function', function: { name: choice.name } };
  }
}
