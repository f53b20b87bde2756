import { mapFinishReason } from './map-finish-reason';

describe('mapFinishReason', () => {
  it.each([
    [null, null],
    [undefined, null],
    ['', null],
    ['stop', 'stop'],
    ['eos', 'stop'],
    ['end_turn', 'stop'],
    ['stop_sequence', 'stop'],
    ['length', 'length'],
    ['max_tokens', 'length'],
    ['model_length', 'length'],
    ['tool_calls', 'tool_calls'],
    ['function_call', 'tool_calls'],
    ['tool_use', 'tool_calls'],
    ['content_filter', 'content_filter'],
    ['refusal', 'content_filter'],
    ['error', 'error'],
    ['insufficient_system_resource', 'error'],
    ['something_new', 'stop'],
  ])('maps %p to %p', (native, expected) => {
    expect(mapFinishReason(native)).toBe(expected);
  });
});
