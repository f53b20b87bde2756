import { toolCallId } from './tool-call-id';

describe('toolCallId', () => {
  it.each([
    ['gen-1764000000-AbC123', 0, undefined, 'call_1764000000-AbC123_0'],
    ['gen-1764000000-AbC123', 3, null, 'call_1764000000-AbC123_3'],
    ['gen-1764000000-AbC123', 1, '', 'call_1764000000-AbC123_1'],
    ['gen-1764000000-AbC123', 1, 'fc-upstream-7', 'fc-upstream-7'],
  ])('%s #%p (upstream %p) → %s', (generationId, index, upstreamId, expected) => {
    expect(toolCallId(generationId, index, upstreamId)).toBe(expected);
  });
});
