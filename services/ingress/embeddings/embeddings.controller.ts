import { Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import {
  embeddingInputs,
  embeddingsRequestSchema,
  parseRequestBody,
  type ChatRequest,
  type EmbeddingsRequest,
} from '../../../libs/contracts';
import type { AuthenticatedRequest } from '../auth/api-key.guard';
import { ChatCompletionsService } from '../chat/chat-completions.service';

/**
 * OpenAI's Embeddings API, as OpenRouter offers it: routed among the catalog's embedding models with
 * the same admission (limits, a reservation of the worst case), provider preferences, fallbacks
 * and generation records as chat; the answer is the worker's OpenAI `list` as it built it.
 * https://openrouter.ai/docs/api-reference/embeddings
 */
@Controller(['api/v1', 'v1'])
export class EmbeddingsController {
  constructor(private readonly chat: ChatCompletionsService) {}

  @Post('embeddings')
  @HttpCode(200)
  async create(@Req() request: AuthenticatedRequest, @Res() reply: FastifyReply): Promise<void> {
    const embeddings = parseRequestBody(embeddingsRequestSchema, request.body);
    await this.chat.complete(request, asCountedRequest(embeddings), reply, undefined, embeddings);
  }
}

/** The routing of the request, and its inputs as user messages: what admission counts and prices. */
export function asCountedRequest(embeddings: EmbeddingsRequest): ChatRequest {
  return {
    model: embeddings.model,
    models: embeddings.models,
    provider: embeddings.provider,
    user: embeddings.user,
    stream: false,
    messages: embeddingInputs(embeddings).map((text) => ({ role: 'user', content: text })),
  };
}
