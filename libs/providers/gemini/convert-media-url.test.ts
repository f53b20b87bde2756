import { GatewayError } from '../../contracts';
import { convertMediaUrl } from './convert-media-url';

describe('convertMediaUrl', () => {
  it.each([
    {
      name: 'a base64 data URL, inline',
      url: 'data:image/png;base64,iVBORw0KGgo=',
      part: { inlineData: { mimeType: 'image/png', data: 'iVBORw0KGgo=' } },
    },
    {
      name: 'a data URL with parameters',
      url: 'data:application/pdf;name=a.pdf;base64,JVBERi0=',
      part: { inlineData: { mimeType: 'application/pdf', data: 'JVBERi0=' } },
    },
    {
      name: 'an https URL, typed by its extension',
      url: 'https://example.com/cat.WEBP?size=2',
      part: { fileData: { mimeType: 'image/webp', fileUri: 'https://example.com/cat.WEBP?size=2' } },
    },
    {
      name: 'an http URL without an extension, with the fallback type',
      url: 'http://example.com/photo',
      part: { fileData: { mimeType: 'image/jpeg', fileUri: 'http://example.com/photo' } },
    },
    {
      name: 'an unknown extension, with the fallback type',
      url: 'https://example.com/a.xyz',
      part: { fileData: { mimeType: 'image/jpeg', fileUri: 'https://example.com/a.xyz' } },
    },
  ])('converts $name', ({ url, part }) => {
    expect(convertMediaUrl(url, 'image/jpeg', 'messages[0].content[1].image_url.url')).toEqual(part);
  });

  it.each(['ftp://example.com/a.png', 'data:image/png,not-base64', 'cat.png'])('rejects %s', (url) => {
    const convert = () => convertMediaUrl(url, 'image/jpeg', 'messages[0].content[1].image_url.url');
    expect(convert).toThrow(GatewayError);
    expect(convert).toThrow('messages[0].content[1].image_url.url: must be an http(s) URL');
  });
});
