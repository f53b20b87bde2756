import type { FinishReason } from '../../contracts';

/**
 * OpenRouter's five finish reasons from Gemini's `finishReason`, which travels on as
 * `native_finish_reason`. Gemini says STOP after function calls as after text, so STOP with calls
 * is `tool_calls`, which is what a client's tool loop waits for.
 * https://ai.google.dev/api/generate-content#FinishReason
 */
export function mapFinishReason(
  native: string | null | undefined,
  hasToolCalls: boolean,
): FinishReason | null {
  switch (native) {
    case null:
    case undefined:
    case '':
      return null;
    case 'STOP':
      return hasToolCalls ? 'tool_calls' : 'stop';
    case 'MAX_TOKENS':
      return 'length';
    case 'SAFETY':
    case 'RECITATION':
    case 'BLOCKLIST':
    case 'PROHIBITED_CONTENT':
    case 'SPII':
    case 'IMAGE_SAFETY':
    case 'IMAGE_PROHIBITED_CONTENT':
    case 'IMAGE_RECITATION':
    case 'MODEL_ARMOR':
      return 'content_filter';
    case 'MALFORMED_FUNCTION_CALL':
    case 'UNEXPECTED_TOOL_CALL':
    case 'TOO_MANY_TOOL_CALLS':
    case 'MISSING_THOUGHT_SIGNATURE':
      return 'error';
    default:
      // OTHER, LANGUAGE and words added later: the answer ended without a failure being reported.
      return 'stop';
  }
}
