import type { FastifyInstance } from 'fastify';
import { GatewayError } from '../../../libs/contracts';
import { invalidJsonBody } from './invalid-json-body';
import { isJsonMediaType } from './json-media-type';

/**
 * Every route takes JSON: each request body is read with Fastify's JSON parser (which also refuses
 * `__proto__` keys), a 400 saying where it is not JSON, or refused with a 415 when its Content-Type
 * says it is something else. This replaces Fastify's own parsers, whose text/plain one would hand
 * the routes a string.
 */
export function acceptJsonBodiesOnly(fastify: FastifyInstance): void {
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser('*', { parseAs: 'string' }, (request, body, done) => {
    const contentType = request.headers['content-type'];
    if (!isJsonMediaType(contentType)) return done(unsupportedMediaType(contentType!), undefined);
    // parseAs: 'string' hands the body over as a string.
    const text = body as string;
    parseJson(request, text, (error, parsed) => done(error && invalidJsonBody(text), parsed));
  });
}

const unsupportedMediaType = (contentType: string) =>
  new GatewayError({
    status: 415,
    message: `Unsupported Content-Type "${contentType}": send the body as JSON, with "Content-Type: application/json".`,
  });
