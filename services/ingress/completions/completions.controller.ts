import { Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { AuthenticatedRequest } from '../auth/api-key.guard';
import { ChatCompletionsService, parseChatRequest } from '../chat/chat-completions.service';
import { toChatBody } from './legacy-completion-request';
import { textCompletionFormat } from './text-completion-response';

/**
 * OpenAI's legacy Completions (`prompt` in, `text` out), as OpenRouter keeps it for older clients. It
 * runs as a chat completion with the prompt as the user's message: same admission, routing and records.
 * https://openrouter.ai/docs/api-reference/completion
 */
@Controller(['api/v1', 'v1'])
export class CompletionsController {
  constructor(private readonly chat: ChatCompletionsService) {}

  @Post('completions')
  @HttpCode(200)
  async create(@Req() request: AuthenticatedRequest, @Res() reply: FastifyReply): Promise<void> {
    await this.chat.complete(
      request,
      parseChatRequest(toChatBody(request.body)),
      reply,
      textCompletionFormat,
    );
  }
}
