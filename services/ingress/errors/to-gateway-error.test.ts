import { BadRequestException, PayloadTooLargeException } from '@nestjs/common';
import { errors } from '../../../libs/contracts';
import { toGatewayError } from './to-gateway-error';

describe('toGatewayError', () => {
  it.each([
    ['a GatewayError as it is', errors.notFound('nope'), 404, 'nope'],
    [
      'a too-large body, with the limit',
      Object.assign(new Error('Request body is too large'), { statusCode: 413 }),
      413,
      '(1000 bytes)',
    ],
    ['a too-large body as Nest wraps it', new PayloadTooLargeException(), 413, '(1000 bytes)'],
    ['a JSON syntax error', new SyntaxError('Unexpected token'), 400, 'Invalid JSON body: Unexpected token'],
    ['a Nest HTTP exception', new BadRequestException('bad'), 400, 'bad'],
    ['any other Fastify 4xx', Object.assign(new Error('Not Found'), { statusCode: 404 }), 404, 'Not Found'],
    ['anything else, without leaking it', new Error('db password wrong'), 500, 'Internal error'],
  ])('maps %s', (_case, thrown, status, message) => {
    const error = toGatewayError(thrown, 1000);
    expect(error.status).toBe(status);
    expect(error.message).toContain(message);
  });
});
