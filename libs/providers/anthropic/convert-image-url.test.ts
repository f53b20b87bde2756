import { GatewayError } from '../../contracts';
import { convertImageUrl } from './convert-image-url';

describe('convertImageUrl', () => {
  it.each([
    {
      name: 'a PNG data URL, inline',
      url: 'data:image/png;base64,iVBORw0KGgo=',
      expected: { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'iVBORw0KGgo=' } },
    },
    {
      name: 'a data URL with parameters',
      url: 'data:image/jpeg;name=cat.jpg;base64,/9j/4AAQ',
      expected: { type: 'image', source: { type: 'base64', media_type: 'image/jpeg', data: '/9j/4AAQ' } },
    },
    {
      name: 'an https URL, by reference',
      url: 'https://example.com/cat.png',
      expected: { type: 'image', source: { type: 'url', url: 'https://example.com/cat.png' } },
    },
    {
      name: 'an http URL, by reference',
      url: 'http://example.com/cat.png',
      expected: { type: 'image', source: { type: 'url', url: 'http://example.com/cat.png' } },
    },
  ])('converts $name', ({ url, expected }) => {
    expect(convertImageUrl(url, 'messages[0].content[1].image_url.url')).toEqual(expected);
  });

  it.each([
    { name: 'a file path', url: 'file:///tmp/cat.png' },
    { name: 'a data URL that is not base64', url: 'data:image/svg+xml,<svg/>' },
  ])('rejects $name, naming the field', ({ url }) => {
    let error: unknown;
    try {
      convertImageUrl(url, 'messages[0].content[1].image_url.url');
    } catch (thrown) {
      error = thrown;
    }
    expect(error).toBeInstanceOf(GatewayError);
    expect(error).toMatchObject({ status: 400, message: expect.stringContaining('messages[0].content[1]') });
  });
});
