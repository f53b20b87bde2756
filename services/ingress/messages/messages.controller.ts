import { Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { AuthenticatedRequest } from '../auth/api-key.guard';
import { ChatCompletionsService } from '../chat/chat-completions.service';
import { anthropicFormat } from './anthropic-response';
import { parseMessagesRequest } from './parse-messages-request';
import { toChatRequest } from './to-chat-request';

/**
 * Anthropic's Messages API, as OpenRouter offers it, so that Anthropic's SDKs and Claude Code work with
 * the base URL `<gateway>/api` (they post to `<base>/v1/messages`). It runs as a chat completion: the
 * request is translated on the way in, the answer on the way out.
 * https://docs.anthropic.com/en/api/messages
 */
@Controller(['api/v1', 'v1'])
export class MessagesController {
  constructor(private readonly chat: ChatCompletionsService) {}

  @Post('messages')
  @HttpCode(200)
  async create(@Req() request: AuthenticatedRequest, @Res() reply: FastifyReply): Promise<void> {
    const chatRequest = toChatRequest(parseMessagesRequest(request.body));
    await this.chat.complete(request, chatRequest, reply, anthropicFormat);
  }
}
