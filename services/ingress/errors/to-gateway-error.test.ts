import { BadRequestException } from '@nestjs/common';
import { errors } from '../../../libs/contracts';
import { toGatewayError } from './to-gateway-error';

describe('toGatewayError', () => {
  it.each([
    ['a GatewayError as it is', errors.notFound('nope'), 404, 'nope'],
    [
      'a too-large body',
      Object.assign(new Error('big'), { code: 'FST_ERR_CTP_BODY_TOO_LARGE', statusCode: 413 }),
      413,
      '(1000 bytes)',
    ],
    [
      'invalid JSON',
      Object.assign(new Error('Unexpected end'), { code: 'FST_ERR_CTP_INVALID_JSON_BODY', statusCode: 400 }),
      400,
      'Invalid JSON body',
    ],
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
