import { Controller, Get } from '@nestjs/common';
import { Bus } from '../../../libs/messaging';
import { Public } from '../auth/public.decorator';

@Controller()
export class HealthController {
  constructor(private readonly bus: Bus) {}

  @Public()
  @Get('health')
  health(): { status: 'ok' | 'degraded'; nats: boolean } {
    const nats = !this.bus.nc.isClosed();
    return { status: nats ? 'ok' : 'degraded', nats };
  }
}
