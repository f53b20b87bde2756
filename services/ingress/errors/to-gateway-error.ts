import { HttpException } from '@nestjs/common';
import { errors, GatewayError } from '../../../libs/contracts';

/** Fastify's own errors (body parsing, limits) carry a code and a status; these are the ones clients cause. */
const FASTIFY_CLIENT_ERRORS: Record<string, (error: FastifyLikeError) => GatewayError> = {
  FST_ERR_CTP_BODY_TOO_LARGE: () => errors.payloadTooLarge(0),
  FST_ERR_CTP_INVALID_JSON_BODY: (e) => errors.badRequest(`Invalid JSON body: ${e.message}`),
  FST_ERR_CTP_EMPTY_JSON_BODY: () => errors.badRequest('Invalid JSON body: the body is empty.'),
  FST_ERR_CTP_INVALID_MEDIA_TYPE: () =>
    new GatewayError({ status: 415, message: 'Send the body as JSON (Content-Type: application/json).' }),
};

interface FastifyLikeError {
  code?: string;
  statusCode?: number;
  message: string;
}

/** Whatever was thrown, as the error a client should see. */
export function toGatewayError(error: unknown, bodyLimit: number): GatewayError {
  if (error instanceof GatewayError) return error;
  if (error instanceof SyntaxError) return errors.badRequest(`Invalid JSON body: ${error.message}`);
  if (error instanceof HttpException) {
    return new GatewayError({ status: error.getStatus(), message: error.message });
  }
  const fastifyError = error as FastifyLikeError;
  if (fastifyError.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return errors.payloadTooLarge(bodyLimit);
  const mapped = fastifyError.code ? FASTIFY_CLIENT_ERRORS[fastifyError.code] : undefined;
  if (mapped) return mapped(fastifyError);
  if (fastifyError.statusCode && fastifyError.statusCode >= 400 && fastifyError.statusCode < 500) {
    return new GatewayError({ status: fastifyError.statusCode, message: fastifyError.message });
  }
  return errors.internal('Internal error in the gateway.');
}
