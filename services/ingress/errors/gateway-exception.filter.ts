import { Catch, Inject, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { INGRESS_ENV, type IngressEnv } from '../config';
import { toGatewayError } from './to-gateway-error';

/** Every error leaves in OpenRouter's shape: `{"error":{"code","message","metadata"}}`. */
@Catch()
export class GatewayExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  constructor(@Inject(INGRESS_ENV) private readonly env: IngressEnv) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const error = toGatewayError(exception, this.env.SWITCHYARD_MAX_BODY_BYTES);
    if (error.status >= 500)
      this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    if (reply.sent) return;
    void reply.status(error.status).send({ error: error.toBody() });
  }
}
