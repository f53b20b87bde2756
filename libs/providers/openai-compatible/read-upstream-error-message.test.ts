import { readUpstreamErrorMessage } from './read-upstream-error-message';

describe('readUpstreamErrorMessage', () => {
  it.each([
    {
      name: "OpenAI's error object",
      body: { error: { message: 'Invalid model', type: 'invalid_request_error', code: null } },
      expected: 'Invalid model',
    },
    { name: 'a string error', body: { error: 'upstream overloaded' }, expected: 'upstream overloaded' },
    { name: 'a bare message', body: { message: 'Unauthorized', code: 401 }, expected: 'Unauthorized' },
    { name: "FastAPI's detail", body: { detail: 'Not Found' }, expected: 'Not Found' },
    { name: 'an error without a message', body: { error: { code: 500 } }, expected: undefined },
    { name: 'an empty message', body: { error: { message: '' } }, expected: undefined },
    { name: 'a validation detail list', body: { detail: [{ msg: 'field required' }] }, expected: undefined },
    { name: 'plain text', body: 'Bad Gateway', expected: undefined },
    { name: 'nothing', body: undefined, expected: undefined },
  ])('reads $name', ({ body, expected }) => {
    expect(readUpstreamErrorMessage(body)).toBe(expected);
  });
});
