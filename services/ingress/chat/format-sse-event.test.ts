import { formatSseEvent } from '../chat/format-sse-event';

describe('formatSseEvent', () => {
  it.each([
    [{ type: 'message_stop' }, 'event: message_stop\ndata: {"type":"message_stop"}\n\n'],
    [
      { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'a\nb' } },
      'event: content_block_delta\ndata: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"a\\nb"}}\n\n',
    ],
  ])('writes %j', (event, expected) => {
    expect(formatSseEvent(event)).toBe(expected);
  });
});
