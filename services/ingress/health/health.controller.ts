import { Controller, Get, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { Bus } from '../../../libs/messaging';
import { Public } from '../auth/public.decorator';

/** Liveness and readiness: 503 while NATS is unreachable, so a load balancer stops sending traffic. */
@Controller()
export class HealthController {
  constructor(private readonly bus: Bus) {}

  @Public()
  @Get('health')
  health(@Res() reply: FastifyReply): void {
    const nats = this.bus.connected;
    void reply.status(nats ? 200 : 503).send({ status: nats ? 'ok' : 'degraded', nats });
  }
}
