import { Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { CatalogStore } from '../../../libs/catalog';
import { errors } from '../../../libs/contracts';
import { presetSlugOf } from '../../../libs/routing/choose-preset-variant';
import { estimatePromptTokens, tokenizerEncoding } from '../../../libs/tokens';
import type { AuthenticatedRequest } from '../auth/api-key.guard';
import { ChatCompletionsService } from '../chat/chat-completions.service';
import { anthropicFormat } from './anthropic-response';
import { parseCountTokensRequest, parseMessagesRequest } from './parse-messages-request';
import { toChatRequest } from './to-chat-request';

/**
 * Anthropic's Messages API, as OpenRouter offers it, so that Anthropic's SDKs and Claude Code work with
 * the base URL `<gateway>/api` (they post to `<base>/v1/messages`). It runs as a chat completion: the
 * request is translated on the way in, the answer on the way out.
 * https://docs.anthropic.com/en/api/messages
 */
@Controller(['api/v1', 'v1'])
export class MessagesController {
  constructor(
    private readonly chat: ChatCompletionsService,
    private readonly catalog: CatalogStore,
  ) {}

  @Post('messages')
  @HttpCode(200)
  async create(@Req() request: AuthenticatedRequest, @Res() reply: FastifyReply): Promise<void> {
    const chatRequest = toChatRequest(parseMessagesRequest(request.body));
    // Only a stream says the prompt's size before the answer (in `message_start`).
    const inputTokens = chatRequest.stream ? this.promptTokens(chatRequest) : 0;
    await this.chat.complete(request, chatRequest, reply, anthropicFormat(inputTokens));
  }

  /**
   * The prompt's tokens as the gateway counts them (the model's tokenizer where it is public, a close
   * one otherwise: an estimate, like Anthropic's own), without running the model.
   * https://docs.anthropic.com/en/api/messages-count-tokens
   */
  @Post('messages/count_tokens')
  @HttpCode(200)
  countTokens(@Req() request: AuthenticatedRequest): { input_tokens: number } {
    const chatRequest = toChatRequest(parseCountTokensRequest(request.body));
    const model = chatRequest.model ?? '';
    const slug = presetSlugOf(model);
    const catalog = this.catalog.current;
    if (slug === undefined ? !catalog.model(model) : !catalog.preset(slug)) {
      throw errors.notFound(`Model ${model} is not in this gateway's catalog.`);
    }
    return { input_tokens: this.promptTokens(chatRequest) };
  }

  private promptTokens(chatRequest: ReturnType<typeof toChatRequest>): number {
    return estimatePromptTokens(chatRequest, tokenizerEncoding(chatRequest.model ?? ''));
  }
}
