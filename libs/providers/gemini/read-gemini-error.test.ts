import { readGeminiError } from './read-gemini-error';

const retryInfo = (retryDelay: string) => ({
  '@type': 'type.googleapis.com/google.rpc.RetryInfo',
  retryDelay,
});

describe('readGeminiError', () => {
  it.each([
    { name: 'not an error body', body: '<html>Bad Gateway</html>', error: undefined },
    { name: 'an error without an object', body: { error: 'nope' }, error: undefined },
    {
      name: 'a plain error',
      body: { error: { code: 400, message: 'Bad field', status: 'INVALID_ARGUMENT' } },
      error: { code: 400, message: 'Bad field', status: 'INVALID_ARGUMENT', keyRejected: false },
    },
    {
      name: 'a retry delay',
      body: {
        error: { code: 429, message: 'Quota', status: 'RESOURCE_EXHAUSTED', details: [retryInfo('34.4s')] },
      },
      error: {
        code: 429,
        message: 'Quota',
        status: 'RESOURCE_EXHAUSTED',
        retryDelayMs: 34400,
        keyRejected: false,
      },
    },
    {
      name: 'a delay in whole seconds',
      body: { error: { code: 429, details: [retryInfo('2s')] } },
      error: { code: 429, retryDelayMs: 2000, keyRejected: false },
    },
    {
      name: 'an unreadable delay',
      body: { error: { code: 429, details: [retryInfo('soon')] } },
      error: { code: 429, keyRejected: false },
    },
    {
      name: 'a rejected key',
      body: {
        error: {
          code: 400,
          message: 'API key not valid. Please pass a valid API key.',
          status: 'INVALID_ARGUMENT',
          details: [{ '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'API_KEY_INVALID' }],
        },
      },
      error: {
        code: 400,
        message: 'API key not valid. Please pass a valid API key.',
        status: 'INVALID_ARGUMENT',
        keyRejected: true,
      },
    },
  ])('reads $name', ({ body, error }) => {
    expect(readGeminiError(body)).toEqual(error);
  });
});
