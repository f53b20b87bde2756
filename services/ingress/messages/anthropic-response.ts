import type { FastifyReply } from 'fastify';
import { GatewayError } from '../../../libs/contracts';
import { ChatResponse, type ResponseFormat, type ResponseOptions } from '../chat/chat-response';
import { anthropicErrorBody } from './anthropic-error';
import { formatSseEvent } from './format-sse-event';
import { gatewayChunkSchema, gatewayCompletionSchema } from '../../../libs/contracts';
import { readGatewayAnswer } from './read-gateway-answer';
import { MessageStreamTranslator } from './message-stream-translator';
import { toAnthropicMessage } from './to-anthropic-message';

/** An error before anything was sent: Anthropic's error body, under the gateway's status. */
export function sendAnthropicError(
  reply: FastifyReply,
  headers: Record<string, string>,
  error: GatewayError,
): void {
  void reply.status(error.status).headers(headers).type('application/json').send(anthropicErrorBody(error));
}

/**
 * Anthropic's event stream, built from the workers' `chat.completion.chunk`s as they come. Nothing is
 * sent before the first chunk, so until then a failed attempt can still be replaced by another one.
 * https://docs.anthropic.com/en/docs/build-with-claude/streaming
 */
export class AnthropicSseResponse extends ChatResponse {
  private readonly translator: MessageStreamTranslator;
  /** Ended early, because a chunk could not be read; later frames are dropped. */
  private ended = false;

  constructor(options: ResponseOptions, estimatedInputTokens: number) {
    super(options.reply, options.headers, options.onClientGone);
    this.translator = new MessageStreamTranslator(estimatedInputTokens);
  }

  protected send(chunks: Buffer[]): void {
    if (this.ended) return;
    this.openEventStream();
    let events = '';
    try {
      for (const chunk of chunks) {
        events += this.translator
          .push(readGatewayAnswer(gatewayChunkSchema, chunk))
          .map(formatSseEvent)
          .join('');
      }
    } catch (error) {
      if (!(error instanceof GatewayError)) throw error;
      this.endWithError(error, events);
      return;
    }
    if (events) this.reply.raw.write(events);
  }

  end(): void {
    if (this.disconnected || this.ended) return;
    this.ended = true;
    this.reply.raw.end(this.translator.finish().map(formatSseEvent).join(''));
  }

  /** Before the first byte: a plain HTTP error. After: an `error` event, then the end, as Anthropic does. */
  fail(error: GatewayError): void {
    if (this.disconnected || this.ended) return;
    if (!this.started) {
      sendAnthropicError(this.reply, this.headers, error);
      return;
    }
    this.endWithError(error);
  }

  /** `before`: the events of the frame's readable chunks, which go first. */
  private endWithError(error: GatewayError, before = ''): void {
    this.ended = true;
    this.reply.raw.end(before + formatSseEvent(anthropicErrorBody(error)));
  }
}

/** One Message, converted from the worker's whole `chat.completion`. */
export class AnthropicJsonResponse extends ChatResponse {
  /** The whole `chat.completion` is one chunk. */
  protected send([completion]: Buffer[]): void {
    let body;
    try {
      body = toAnthropicMessage(readGatewayAnswer(gatewayCompletionSchema, completion));
    } catch (error) {
      if (!(error instanceof GatewayError)) throw error;
      sendAnthropicError(this.reply, this.headers, error);
      return;
    }
    void this.reply.headers(this.headers).type('application/json').send(body);
  }

  end(): void {
    // The body was the whole answer.
  }

  fail(error: GatewayError): void {
    if (this.disconnected || this.started) return;
    sendAnthropicError(this.reply, this.headers, error);
  }
}

/**
 * Answers in Anthropic's Messages shapes; a stream's `message_start` says `estimatedInputTokens`.
 * The generation id is also sent as `request-id`, the header in which Anthropic's SDKs look for the
 * id of a request (`_request_id`).
 */
export function anthropicFormat(estimatedInputTokens = 0): ResponseFormat {
  return {
    create: (options) => {
      const generationId = options.headers['x-generation-id'];
      const headers = generationId ? { ...options.headers, 'request-id': generationId } : options.headers;
      return options.stream
        ? new AnthropicSseResponse({ ...options, headers }, estimatedInputTokens)
        : new AnthropicJsonResponse(options.reply, headers, options.onClientGone);
    },
  };
}
