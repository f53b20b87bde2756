import { appAttribution } from './app-attribution';

describe('appAttribution', () => {
  it('reads HTTP-Referer and X-Title', () => {
    expect(appAttribution({ 'http-referer': 'https://app.example', 'x-title': 'Example App' })).toEqual({
      referer: 'https://app.example',
      title: 'Example App',
    });
  });

  it('takes X-OpenRouter-Title as the title, and the first of repeated headers', () => {
    expect(
      appAttribution({ 'x-openrouter-title': 'Other', 'http-referer': ['https://a', 'https://b'] }),
    ).toEqual({
      referer: 'https://a',
      title: 'Other',
    });
  });

  it('says nothing for missing or empty headers, and clips long ones', () => {
    expect(appAttribution({ 'x-title': '  ' })).toEqual({ referer: null, title: null });
    expect(appAttribution({ 'x-title': 'x'.repeat(2000) }).title).toHaveLength(512);
  });
});
