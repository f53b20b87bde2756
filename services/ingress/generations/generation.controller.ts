import { Controller, Get, Query } from '@nestjs/common';
import { errors, GatewayError, type WireError } from '../../../libs/contracts';
import { Bus, MessagingError } from '../../../libs/messaging';

const LOOKUP_TIMEOUT_MS = 2000;

type LookupReply = { ok: true; data: Record<string, unknown> } | ({ ok: false } & WireError);

/** OpenRouter's GET /generation?id=…: the stored record of one request, answered by metrics. */
@Controller(['api/v1', 'v1'])
export class GenerationController {
  constructor(private readonly bus: Bus) {}

  @Get('generation')
  async get(@Query('id') id?: string): Promise<{ data: Record<string, unknown> }> {
    if (!id) throw errors.badRequest('Invalid request: id: is required (GET /api/v1/generation?id=gen-…)');
    let reply: LookupReply;
    try {
      reply = await this.bus.request<LookupReply>(
        this.bus.subjects.generationLookup,
        { id },
        LOOKUP_TIMEOUT_MS,
      );
    } catch (error) {
      if (error instanceof MessagingError) {
        throw errors.noProvider('Generation records are unavailable: the metrics service is not answering.');
      }
      throw error;
    }
    if (!reply.ok) throw GatewayError.fromWire(reply);
    return { data: reply.data };
  }
}
