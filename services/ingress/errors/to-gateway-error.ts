import { HttpException } from '@nestjs/common';
import { errors, GatewayError } from '../../../libs/contracts';

/** Fastify's own errors (routing, limits) reach the filter as Nest HttpExceptions, or carry a status. */
interface FastifyLikeError {
  statusCode?: number;
  message: string;
}

/** Whatever was thrown, as the error a client should see. */
export function toGatewayError(error: unknown, bodyLimit: number): GatewayError {
  if (error instanceof GatewayError) return error;
  if (error instanceof SyntaxError) return errors.badRequest(`Invalid JSON body: ${error.message}`);
  const status = error instanceof HttpException ? error.getStatus() : (error as FastifyLikeError).statusCode;
  // Fastify's own wording names no limit; ours says what it is and what to do.
  if (status === 413) return errors.payloadTooLarge(bodyLimit);
  if (status !== undefined && status >= 400 && status < 500) {
    return new GatewayError({ status, message: (error as Error).message });
  }
  return errors.internal('Internal error in the gateway.');
}
