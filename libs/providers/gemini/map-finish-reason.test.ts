import { mapFinishReason } from './map-finish-reason';

describe('mapFinishReason', () => {
  it.each([
    [null, false, null],
    [undefined, true, null],
    ['', false, null],
    ['STOP', false, 'stop'],
    ['STOP', true, 'tool_calls'],
    ['MAX_TOKENS', false, 'length'],
    ['MAX_TOKENS', true, 'length'],
    ['SAFETY', false, 'content_filter'],
    ['RECITATION', false, 'content_filter'],
    ['BLOCKLIST', false, 'content_filter'],
    ['PROHIBITED_CONTENT', false, 'content_filter'],
    ['SPII', false, 'content_filter'],
    ['IMAGE_SAFETY', false, 'content_filter'],
    ['MALFORMED_FUNCTION_CALL', false, 'error'],
    ['UNEXPECTED_TOOL_CALL', true, 'error'],
    ['OTHER', false, 'stop'],
    ['LANGUAGE', false, 'stop'],
    ['SOMETHING_NEW', false, 'stop'],
  ])('maps %p (calls: %p) to %p', (native, hasToolCalls, expected) => {
    expect(mapFinishReason(native, hasToolCalls)).toBe(expected);
  });
});
