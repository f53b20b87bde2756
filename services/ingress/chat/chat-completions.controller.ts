import { Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { AuthenticatedRequest } from '../auth/api-key.guard';
import { ChatCompletionsService, parseChatRequest } from './chat-completions.service';

/** OpenAI's Chat Completions, under OpenRouter's base path `/api/v1` and the plain `/v1`. */
@Controller(['api/v1', 'v1'])
export class ChatCompletionsController {
  constructor(private readonly chat: ChatCompletionsService) {}

  @Post('chat/completions')
  @HttpCode(200)
  async create(@Req() request: AuthenticatedRequest, @Res() reply: FastifyReply): Promise<void> {
    await this.chat.complete(request, parseChatRequest(request.body), reply);
  }
}
