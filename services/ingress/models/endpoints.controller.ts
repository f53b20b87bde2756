import { Controller, Get, Param } from '@nestjs/common';
import { errors, GatewayError, type WireError } from '../../../libs/contracts';
import { Bus, MessagingError } from '../../../libs/messaging';
import { Public } from '../auth/public.decorator';

const LOOKUP_TIMEOUT_MS = 2000;

type EndpointsReply = { ok: true; data: Record<string, unknown> } | ({ ok: false } & WireError);

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
  async list(
    @Param('author') author: string,
    @Param('slug') slug: string,
  ): Promise<{ data: Record<string, unknown> }> {
    let reply: EndpointsReply;
    try {
      reply = await this.bus.request<EndpointsReply>(
        this.bus.subjects.endpointsLookup,
        { model: `${author}/${slug}` },
        LOOKUP_TIMEOUT_MS,
      );
    } catch (error) {
      if (error instanceof MessagingError) {
        throw errors.noProvider('Endpoint health is unavailable: the router is not answering.');
      }
      throw error;
    }
    if (!reply.ok) throw GatewayError.fromWire(reply);
    return { data: reply.data };
  }
}
