import { isJsonMediaType } from './json-media-type';

describe('isJsonMediaType', () => {
  it.each([
    ['application/json', true],
    ['application/json; charset=utf-8', true],
    ['Application/JSON;charset=UTF-8', true],
    ['application/vnd.api+json', true],
    ['application/merge-patch+json; charset=utf-8', true],
    [undefined, true],
    ['text/plain', false],
    ['text/plain;charset=UTF-8', false],
    ['application/x-www-form-urlencoded', false],
    ['multipart/form-data; boundary=x', false],
    ['application/jsonp', false],
    ['text/json', false],
    ['application/+json', false],
  ])('%s: %s', (contentType, json) => {
    expect(isJsonMediaType(contentType)).toBe(json);
  });
});
