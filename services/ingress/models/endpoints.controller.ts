import { Controller, Get, Param } from '@nestjs/common';
import { Bus } from '../../../libs/messaging';
import { queryService } from '../service-query';
import { Public } from '../auth/public.decorator';

const LOOKUP_TIMEOUT_MS = 2000;

/**
 * OpenRouter's GET /models/{author}/{slug}/endpoints: a model's endpoints with live health, which
 * only the router knows, so the router answers it.
 * https://openrouter.ai/docs/api-reference/endpoints/list-all-endpoints-for-a-model
 */
@Controller(['api/v1', 'v1'])
export class EndpointsController {
  constructor(private readonly bus: Bus) {}

  @Public()
  @Get('models/:author/:slug/endpoints')
  list(
    @Param('author') author: string,
    @Param('slug') slug: string,
  ): Promise<{ data: Record<string, unknown> }> {
    return queryService(
      this.bus,
      this.bus.subjects.endpointsLookup,
      { model: `${author}/${slug}` },
      {
        timeoutMs: LOOKUP_TIMEOUT_MS,
        unavailable: 'Endpoint health is unavailable: the router is not answering.',
      },
    );
  }
}
