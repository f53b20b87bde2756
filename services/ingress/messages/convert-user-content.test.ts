import { convertUserContent } from './convert-user-content';
import type { UserBlock } from './messages-request';

const png = { type: 'base64' as const, media_type: 'image/png' as const, data: 'iVBORw0KGgo=' };

describe('convertUserContent', () => {
  it.each<[string, UserBlock[], unknown[]]>([
    [
      'text blocks, as one string',
      [
        { type: 'text', text: 'a' },
        { type: 'text', text: 'b' },
      ],
      [{ role: 'user', content: 'a\n\nb' }],
    ],
    [
      'a base64 image, as a data URL beside the text',
      [
        { type: 'text', text: 'What is this?' },
        { type: 'image', source: png },
      ],
      [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'What is this?' },
            { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0KGgo=' } },
          ],
        },
      ],
    ],
    [
      'an image by URL',
      [{ type: 'image', source: { type: 'url', url: 'https://example.com/a.jpg' } }],
      [{ role: 'user', content: [{ type: 'image_url', image_url: { url: 'https://example.com/a.jpg' } }] }],
    ],
    [
      'tool results, as tool messages before the rest of the turn',
      [
        { type: 'tool_result', tool_use_id: 'toolu_1', content: [{ type: 'text', text: 'sunny' }] },
        { type: 'tool_result', tool_use_id: 'toolu_2', content: [{ type: 'text', text: 'rain' }] },
        { type: 'text', text: 'Thanks' },
      ],
      [
        { role: 'tool', tool_call_id: 'toolu_1', content: 'sunny' },
        { role: 'tool', tool_call_id: 'toolu_2', content: 'rain' },
        { role: 'user', content: 'Thanks' },
      ],
    ],
    [
      'a tool result alone, without a user message',
      [{ type: 'tool_result', tool_use_id: 'toolu_1', content: [] }],
      [{ role: 'tool', tool_call_id: 'toolu_1', content: '' }],
    ],
    [
      'a tool result without content',
      [{ type: 'tool_result', tool_use_id: 'toolu_1' }],
      [{ role: 'tool', tool_call_id: 'toolu_1', content: '' }],
    ],
    [
      'a failed tool, saying so in the text',
      [
        {
          type: 'tool_result',
          tool_use_id: 'toolu_1',
          content: [{ type: 'text', text: 'no such city' }],
          is_error: true,
        },
      ],
      [{ role: 'tool', tool_call_id: 'toolu_1', content: 'Error: no such city' }],
    ],
    [
      'an image in a tool result, moved to a user message',
      [
        {
          type: 'tool_result',
          tool_use_id: 'toolu_1',
          content: [
            { type: 'text', text: 'screenshot taken' },
            { type: 'image', source: png },
          ],
        },
      ],
      [
        { role: 'tool', tool_call_id: 'toolu_1', content: 'screenshot taken' },
        {
          role: 'user',
          content: [{ type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0KGgo=' } }],
        },
      ],
    ],
  ])('converts %s', (_case, blocks, expected) => {
    expect(convertUserContent(blocks)).toEqual(expected);
  });
});
