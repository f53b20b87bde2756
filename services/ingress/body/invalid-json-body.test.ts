import { invalidJsonBody } from './invalid-json-body';

describe('invalidJsonBody', () => {
  it.each([
    ['an empty body', '', 'Invalid JSON body: the body is empty.'],
    ['blanks', ' \n', 'Invalid JSON body: the body is empty.'],
    ['a cut body', '{"model":', 'Invalid JSON body: Unexpected end of JSON input.'],
    ['a bare word', '{"model": echo}', /^Invalid JSON body: Unexpected token 'e', .* is not valid JSON\.$/],
    ['a form', 'model=x&messages=y', /^Invalid JSON body: Unexpected token 'm'/],
    [
      'a prototype key',
      '{"__proto__":{"admin":true}}',
      /"__proto__", or "constructor" holding "prototype", are refused\.$/,
    ],
  ])('says why for %s', (_case, body, message) => {
    const error = invalidJsonBody(body);
    expect(error.status).toBe(400);
    expect(error.message).toMatch(message);
  });
});
