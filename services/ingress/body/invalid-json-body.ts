import { errors, type GatewayError } from '../../../libs/contracts';

/**
 * Why a body Fastify's JSON parser refused is not JSON, in JSON.parse's words (where it fails):
 * Fastify's own message says only that it is not, and that the Content-Type is JSON, which may
 * not even have been sent.
 */
export function invalidJsonBody(body: string): GatewayError {
  if (body.trim() === '') return errors.badRequest('Invalid JSON body: the body is empty.');
  try {
    JSON.parse(body);
  } catch (error) {
    return errors.badRequest(`Invalid JSON body: ${(error as Error).message}.`);
  }
  // Valid JSON all the same: what Fastify's parser refuses on purpose, as a way to poison objects.
  return errors.badRequest(
    'Invalid JSON body: keys named "__proto__", or "constructor" holding "prototype", are refused.',
  );
}
