import type { FinishReason } from '../../../libs/contracts';

/** https://docs.anthropic.com/en/api/handling-stop-reasons */
const ANTHROPIC_STOP_REASONS = [
  'end_turn',
  'max_tokens',
  'stop_sequence',
  'tool_use',
  'pause_turn',
  'refusal',
  'model_context_window_exceeded',
] as const;

export type StopReason = (typeof ANTHROPIC_STOP_REASONS)[number];

const isAnthropicStopReason = (native: string): native is StopReason =>
  (ANTHROPIC_STOP_REASONS as readonly string[]).includes(native);

/**
 * Anthropic's stop reason for the gateway's normalised finish reason. A provider that already speaks
 * Anthropic's words (the native finish reason) is taken at its word, which is the only way to tell a
 * stop sequence from a natural end: OpenAI says `stop` for both. `error` has no Anthropic word: null,
 * rather than pretend the turn ended well.
 * https://docs.anthropic.com/en/api/handling-stop-reasons
 * https://openrouter.ai/docs/api-reference/overview#finish-reason
 */
export function mapStopReason(
  finishReason: FinishReason | null | undefined,
  nativeFinishReason: string | null | undefined,
): StopReason | null {
  if (nativeFinishReason && isAnthropicStopReason(nativeFinishReason)) return nativeFinishReason;
  switch (finishReason) {
    case 'length':
      return 'max_tokens';
    case 'tool_calls':
      return 'tool_use';
    case 'content_filter':
      return 'refusal';
    case 'error':
      return null;
    default:
      return 'end_turn';
  }
}
