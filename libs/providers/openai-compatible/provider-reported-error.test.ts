import { providerReportedError } from './provider-reported-error';

describe('providerReportedError', () => {
  it.each([
    {
      name: 'an OpenAI error object',
      body: { error: { message: 'The server had an error', type: 'server_error' } },
      message: 'Acme reported an error: The server had an error',
    },
    { name: 'a string error', body: { error: 'overloaded' }, message: 'Acme reported an error: overloaded' },
    {
      name: 'an error without a message',
      body: { error: { code: 500 } },
      message: 'Acme reported an error: no message given',
    },
  ])('turns $name into a retryable 502', ({ body, message }) => {
    const raw = JSON.stringify(body);
    const error = providerReportedError('Acme', body, raw);
    expect(error).toMatchObject({ status: 502, retryable: true, message });
    expect(error?.metadata).toEqual({ provider_name: 'Acme', raw });
  });

  it.each([
    { name: 'a chunk', body: { id: 'x', choices: [] } },
    { name: 'a null error', body: { error: null, choices: [] } },
    { name: 'a non-object', body: 'text' },
    { name: 'null', body: null },
  ])('finds nothing in $name', ({ body }) => {
    expect(providerReportedError('Acme', body, JSON.stringify(body))).toBeUndefined();
  });
});
