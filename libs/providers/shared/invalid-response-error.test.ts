import { z } from 'zod';
import { invalidResponseError } from './invalid-response-error';

const schema = z.object({ choices: z.array(z.object({ index: z.number() })) });

describe('invalidResponseError', () => {
  it.each([
    {
      name: 'a plain problem',
      problem: 'not JSON' as string | z.ZodError,
      raw: '<html>',
      message: 'Acme sent a response the gateway cannot read: not JSON',
    },
    {
      name: 'the first schema issue with its path',
      problem: schema.safeParse({ choices: [{ index: 'zero' }] }).error!,
      raw: '{"choices":[{"index":"zero"}]}',
      message:
        'Acme sent a response the gateway cannot read: choices.0.index: Invalid input: expected number, received string',
    },
    {
      name: 'a schema issue at the top level',
      problem: schema.safeParse('text').error!,
      raw: '"text"',
      message:
        'Acme sent a response the gateway cannot read: Invalid input: expected object, received string',
    },
  ])('describes $name', ({ problem, raw, message }) => {
    const error = invalidResponseError('Acme', raw, problem);
    expect(error).toMatchObject({ status: 502, retryable: true, retryScope: 'provider', message });
    expect(error.metadata).toEqual({ provider_name: 'Acme', raw });
  });

  it('truncates the raw body', () => {
    const error = invalidResponseError('Acme', 'x'.repeat(10_000), 'too long');
    expect(error.metadata?.raw).toHaveLength(4096);
  });
});
