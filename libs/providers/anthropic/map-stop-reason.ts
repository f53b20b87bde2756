import type { FinishReason } from '../../contracts';

/**
 * OpenRouter's finish reason for Anthropic's `stop_reason`; the word itself travels on as
 * `native_finish_reason`. When the answer came through the forced `json` tool, its `tool_use` is
 * the end of a text answer for the client, so `stop`.
 * https://platform.claude.com/docs/en/build-with-claude/handling-stop-reasons
 * https://openrouter.ai/docs/api-reference/overview#finish-reason
 */
export function mapStopReason(
  native: string | null | undefined,
  answeredThroughJsonTool = false,
): FinishReason | null {
  switch (native) {
    case null:
    case undefined:
    case '':
      return null;
    case 'end_turn':
    case 'stop_sequence':
    case 'pause_turn':
      return 'stop';
    case 'max_tokens':
    case 'model_context_window_exceeded':
      return 'length';
    case 'tool_use':
      return answeredThroughJsonTool ? 'stop' : 'tool_calls';
    case 'refusal':
      return 'content_filter';
    default:
      // Anthropic adds stop reasons within an API version; the model ended on its own terms.
      return 'stop';
  }
}
