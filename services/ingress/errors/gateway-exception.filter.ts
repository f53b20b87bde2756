import { Catch, Inject, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { INGRESS_ENV, type IngressEnv } from '../config';
import { sendAnthropicError } from '../messages/anthropic-response';
import { drainRequest } from '../body/drain-request';
import { toGatewayError } from './to-gateway-error';

/** Anthropic's Messages API surface (`/api/v1/messages`, `/v1/messages`) answers errors in Anthropic's shape. */
const ANTHROPIC_ROUTE = /^\/(api\/)?v1\/messages(\?|\/|$)/;

/**
 * Every error leaves in the shape of the API it was asked through: OpenRouter's
 * `{"error":{"code","message","metadata"}}`, or Anthropic's on the Messages endpoint — including
 * errors Fastify raises before any route runs (invalid JSON, a body over the limit). A body over
 * the limit is refused from its Content-Length alone; the rest of it is read and dropped before the
 * 413 goes out, so that the client, still sending, can read the answer.
 */
@Catch()
export class GatewayExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  constructor(@Inject(INGRESS_ENV) private readonly env: IngressEnv) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const reply = http.getResponse<FastifyReply>();
    const error = toGatewayError(exception, this.env.SWITCHYARD_MAX_BODY_BYTES);
    if (error.status >= 500)
      this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    if (reply.sent) return;
    const request = http.getRequest<FastifyRequest>();
    const send = () => {
      if (error.headers) void reply.headers(error.headers);
      if (ANTHROPIC_ROUTE.test(request.url)) sendAnthropicError(reply, {}, error);
      else void reply.status(error.status).send({ error: error.toBody() });
    };
    if (error.status === 413) void drainRequest(request.raw).then(send);
    else send();
  }
}
