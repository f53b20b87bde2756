import { Controller, Get, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Bus } from '../../../libs/messaging';
import { answer, ServiceMetrics } from '../../../libs/observability';
import { Public } from '../auth/public.decorator';

/** Liveness and readiness: 503 while NATS is unreachable, so a load balancer stops sending traffic. */
@Controller()
export class HealthController {
  constructor(
    private readonly bus: Bus,
    private readonly metrics: ServiceMetrics,
  ) {}

  /** Prometheus metrics, liveness and readiness, as every service serves them (see libs/observability). */
  @Public()
  @Get(['metrics', 'health/live', 'health/ready'])
  async observe(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const { status, type, body } = await answer(this.metrics, request.url);
    void reply.status(status).type(type).send(body);
  }

  @Public()
  @Get('health')
  health(@Res() reply: FastifyReply): void {
    const nats = this.bus.connected;
    void reply.status(nats ? 200 : 503).send({ status: nats ? 'ok' : 'degraded', nats });
  }
}
