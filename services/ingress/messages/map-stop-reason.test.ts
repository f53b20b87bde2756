import type { FinishReason } from '../../../libs/contracts';
import { mapStopReason } from './map-stop-reason';

describe('mapStopReason', () => {
  it.each<[FinishReason | null, string | null, string | null]>([
    ['stop', 'stop', 'end_turn'],
    ['stop', 'eos', 'end_turn'],
    ['stop', 'stop_sequence', 'stop_sequence'],
    ['stop', 'end_turn', 'end_turn'],
    ['stop', 'pause_turn', 'pause_turn'],
    ['length', 'length', 'max_tokens'],
    ['length', 'model_context_window_exceeded', 'model_context_window_exceeded'],
    ['tool_calls', 'tool_calls', 'tool_use'],
    ['tool_calls', 'function_call', 'tool_use'],
    ['content_filter', 'content_filter', 'refusal'],
    ['content_filter', 'refusal', 'refusal'],
    ['error', 'error', null],
    [null, null, 'end_turn'],
  ])('maps %s (native %s) to %s', (finishReason, native, expected) => {
    expect(mapStopReason(finishReason, native)).toBe(expected);
  });
});
