import { errors } from '../../../libs/contracts';
import { anthropicErrorBody, anthropicErrorType } from './anthropic-error';

describe('anthropicErrorType', () => {
  it.each([
    [400, 'invalid_request_error'],
    [401, 'authentication_error'],
    [403, 'permission_error'],
    [404, 'not_found_error'],
    [408, 'timeout_error'],
    [413, 'request_too_large'],
    [415, 'invalid_request_error'],
    [429, 'rate_limit_error'],
    [499, 'invalid_request_error'],
    [500, 'api_error'],
    [502, 'api_error'],
    [503, 'overloaded_error'],
    [504, 'timeout_error'],
    [529, 'overloaded_error'],
  ])('names status %d %s', (status, type) => {
    expect(anthropicErrorType(status)).toBe(type);
  });
});

describe('anthropicErrorBody', () => {
  it('writes the message in the type Anthropic gives the status', () => {
    expect(anthropicErrorBody(errors.notFound('No model "x/y". GET /api/v1/models lists them.'))).toEqual({
      type: 'error',
      error: { type: 'not_found_error', message: 'No model "x/y". GET /api/v1/models lists them.' },
    });
  });
});
