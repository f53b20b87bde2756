import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { z } from 'zod';
import { errors, type QueryReply } from '../../../libs/contracts';
import { Bus } from '../../../libs/messaging';
import { unlessDatabaseDown } from '../database/database-unreachable';
import { GenerationRepository } from './generation.repository';
import { toOpenRouterGeneration, type OpenRouterGeneration } from './to-openrouter-generation';

export type GenerationLookupReply = QueryReply<OpenRouterGeneration>;

/** `owner`: the key hash whose generations may be seen; null: any (the admin key). */
const lookupRequestSchema = z.object({ id: z.string().min(1), owner: z.string().nullable() });

/** Answers `generationLookup` requests (what ingress turns into GET /api/v1/generation?id=…). */
@Injectable()
export class GenerationLookupHandler implements OnApplicationBootstrap {
  constructor(
    private readonly bus: Bus,
    private readonly generations: GenerationRepository,
  ) {}

  onApplicationBootstrap(): void {
    this.bus.serve(this.bus.subjects.generationLookup, 'metrics', (request: unknown) => this.lookup(request));
  }

  async lookup(request: unknown): Promise<GenerationLookupReply> {
    const parsed = lookupRequestSchema.safeParse(request);
    if (!parsed.success) {
      return {
        ok: false,
        ...errors
          .badRequest('A generation lookup needs { "id": "<generation id>", "owner": <key hash or null> }')
          .toWire(),
      };
    }
    const { id, owner } = parsed.data;
    const record = await unlessDatabaseDown('Generation records are', () => this.generations.findById(id));
    // Another key's generation is answered as if it did not exist: its id says nothing to this key.
    if (!record || (owner !== null && record.apiKeyId !== owner)) {
      // Events are stored asynchronously, so a client asking right after its answer may be early.
      const message = `Generation ${id} not found. Records appear about a second after the answer ends.`;
      return { ok: false, ...errors.notFound(message).toWire() };
    }
    return { ok: true, data: toOpenRouterGeneration(record) };
  }
}
