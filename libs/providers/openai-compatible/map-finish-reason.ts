import type { FinishReason } from '../../contracts';

/**
 * OpenRouter's five finish reasons from whatever word the provider uses; the word itself travels on
 * as `native_finish_reason`.
 * https://openrouter.ai/docs/api-reference/overview#finish-reason
 * https://platform.openai.com/docs/api-reference/chat/object#chat/object-choices
 * https://api-docs.deepseek.com/api/create-chat-completion (`insufficient_system_resource`)
 * https://docs.mistral.ai/api/#tag/chat (`model_length`, `error`)
 * https://docs.anthropic.com/en/api/handling-stop-reasons (`end_turn`, `max_tokens`, `tool_use`, … via compatible proxies)
 * https://docs.together.ai/reference/chat-completions-1 (`eos`)
 */
export function mapFinishReason(native: string | null | undefined): FinishReason | null {
  // An empty string names no reason: the choice has not finished.
  switch (native) {
    case null:
    case undefined:
    case '':
      return null;
    case 'stop':
    case 'eos':
    case 'end_turn':
    case 'stop_sequence':
      return 'stop';
    case 'length':
    case 'max_tokens':
    case 'model_length':
      return 'length';
    case 'tool_calls':
    case 'function_call':
    case 'tool_use':
      return 'tool_calls';
    case 'content_filter':
    case 'refusal':
      return 'content_filter';
    case 'error':
    case 'insufficient_system_resource':
      return 'error';
    default:
      // The provider ended the answer on its own terms and said nothing of failure; clients treat
      // `stop` as "done", and the unfamiliar word stays visible as native_finish_reason.
      return 'stop';
  }
}
