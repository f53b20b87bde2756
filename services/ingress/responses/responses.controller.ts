import { Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { AuthenticatedRequest } from '../auth/api-key.guard';
import { ChatCompletionsService, parseChatRequest } from '../chat/chat-completions.service';
import { parseRequestBody } from '../../../libs/contracts';
import { responsesRequestSchema } from './responses-request';
import { responsesFormat } from './responses-response';
import { toChatRequest } from './to-chat-request';

/**
 * OpenAI's Responses API, stateless as OpenRouter's is: every turn comes in `input`, nothing is
 * stored. It runs as a chat completion (same admission, routing, workers and records), translated on
 * the way in and out, so the OpenAI Agents SDK and Codex-style clients work with the base URL changed.
 * https://openrouter.ai/docs/api-reference/responses-api/overview
 */
@Controller(['api/v1', 'v1'])
export class ResponsesController {
  constructor(private readonly chat: ChatCompletionsService) {}

  @Post('responses')
  @HttpCode(200)
  async create(@Req() request: AuthenticatedRequest, @Res() reply: FastifyReply): Promise<void> {
    const responsesRequest = parseRequestBody(responsesRequestSchema, request.body);
    const chatRequest = parseChatRequest(toChatRequest(responsesRequest));
    await this.chat.complete(request, chatRequest, reply, responsesFormat(responsesRequest));
  }
}
