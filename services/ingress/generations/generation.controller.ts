import { Controller, Get, Query, Req } from '@nestjs/common';
import { errors } from '../../../libs/contracts';
import { Bus } from '../../../libs/messaging';
import type { AuthenticatedRequest } from '../auth/api-key.guard';
import { ownerOf } from '../auth/principal';
import { queryService } from '../service-query';

const LOOKUP_TIMEOUT_MS = 2000;

/**
 * OpenRouter's GET /generation?id=…: the stored record of one request, answered by metrics. A key
 * sees only its own generations (another key's is a 404, as if it did not exist); the admin key
 * sees every one.
 */
@Controller(['api/v1', 'v1'])
export class GenerationController {
  constructor(private readonly bus: Bus) {}

  @Get('generation')
  get(
    @Req() request: AuthenticatedRequest,
    @Query('id') id?: string,
  ): Promise<{ data: Record<string, unknown> }> {
    if (!id) throw errors.badRequest('Invalid request: id: is required (GET /api/v1/generation?id=gen-…)');
    return queryService(
      this.bus,
      this.bus.subjects.generationLookup,
      { id, owner: ownerOf(request.principal!) },
      {
        timeoutMs: LOOKUP_TIMEOUT_MS,
        unavailable: 'Generation records are unavailable: the metrics service is not answering.',
      },
    );
  }
}
