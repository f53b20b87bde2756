import { Controller, Get, Query } from '@nestjs/common';
import { errors } from '../../../libs/contracts';
import { Bus } from '../../../libs/messaging';
import { queryService } from '../service-query';

const LOOKUP_TIMEOUT_MS = 2000;

/** OpenRouter's GET /generation?id=…: the stored record of one request, answered by metrics. */
@Controller(['api/v1', 'v1'])
export class GenerationController {
  constructor(private readonly bus: Bus) {}

  @Get('generation')
  get(@Query('id') id?: string): Promise<{ data: Record<string, unknown> }> {
    if (!id) throw errors.badRequest('Invalid request: id: is required (GET /api/v1/generation?id=gen-…)');
    return queryService(
      this.bus,
      this.bus.subjects.generationLookup,
      { id },
      {
        timeoutMs: LOOKUP_TIMEOUT_MS,
        unavailable: 'Generation records are unavailable: the metrics service is not answering.',
      },
    );
  }
}
