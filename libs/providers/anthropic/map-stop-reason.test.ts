import { mapStopReason } from './map-stop-reason';

describe('mapStopReason', () => {
  it.each([
    { native: 'end_turn', expected: 'stop' },
    { native: 'stop_sequence', expected: 'stop' },
    { native: 'pause_turn', expected: 'stop' },
    { native: 'max_tokens', expected: 'length' },
    { native: 'model_context_window_exceeded', expected: 'length' },
    { native: 'tool_use', expected: 'tool_calls' },
    { native: 'refusal', expected: 'content_filter' },
    { native: 'a_new_reason', expected: 'stop' },
    { native: null, expected: null },
    { native: undefined, expected: null },
  ])('maps $native to $expected', ({ native, expected }) => {
    expect(mapStopReason(native)).toBe(expected);
  });

  it('maps the json tool’s tool_use to stop', () => {
    expect(mapStopReason('tool_use', true)).toBe('stop');
  });
});
