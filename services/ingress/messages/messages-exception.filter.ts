import { Catch, Inject, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { INGRESS_ENV, type IngressEnv } from '../config';
import { toGatewayError } from '../errors/to-gateway-error';
import { sendAnthropicError } from './anthropic-response';

/**
 * Errors of the Messages endpoint (a missing key, an invalid field, an unknown model) in Anthropic's
 * shape, `{"type":"error","error":{"type","message"}}`, with the status the gateway gives them anywhere.
 * https://docs.anthropic.com/en/api/errors
 */
@Catch()
export class MessagesExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  constructor(@Inject(INGRESS_ENV) private readonly env: IngressEnv) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const error = toGatewayError(exception, this.env.SWITCHYARD_MAX_BODY_BYTES);
    if (error.status >= 500) {
      this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    }
    if (reply.sent) return;
    sendAnthropicError(reply, {}, error);
  }
}
