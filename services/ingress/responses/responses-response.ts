import { gatewayChunkSchema, gatewayCompletionSchema, GatewayError } from '../../../libs/contracts';
import { ChatResponse, type ResponseFormat, type ResponseOptions } from '../chat/chat-response';
import { formatSseEvent } from '../messages/format-sse-event';
import { readGatewayAnswer } from '../messages/read-gateway-answer';
import { responseSettings, type ResponseSettings } from './response-object';
import { ResponseStreamTranslator } from './response-stream-translator';
import type { ResponsesRequest } from './responses-request';
import { toResponse } from './to-response';

/** OpenAI's error codes for a response that failed, from the gateway's status. */
function errorCode(status: number): string {
  if (status === 429) return 'rate_limit_exceeded';
  if (status === 400 || status === 413) return 'invalid_prompt';
  return 'server_error';
}

/**
 * The Responses event stream, built from the workers' chunks as they come. Nothing is sent before
 * the first chunk, so until then a failed attempt can still be replaced, or answered with an HTTP
 * error in OpenRouter's shape.
 */
class ResponsesSseResponse extends ChatResponse {
  private readonly translator: ResponseStreamTranslator;
  /** Ended early, because a chunk could not be read; later frames are dropped. */
  private ended = false;

  constructor(options: ResponseOptions, settings: ResponseSettings) {
    super(options.reply, options.headers, options.onClientGone);
    this.translator = new ResponseStreamTranslator(settings);
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
      this.ended = true;
      this.reply.raw.end(events + this.failedEvents(error));
      return;
    }
    if (events) this.reply.raw.write(events);
  }

  end(): void {
    if (this.disconnected || this.ended) return;
    this.ended = true;
    this.reply.raw.end(this.translator.finish().map(formatSseEvent).join(''));
  }

  fail(error: GatewayError): void {
    if (this.disconnected || this.ended) return;
    if (!this.started) {
      this.sendError(error);
      return;
    }
    this.ended = true;
    this.reply.raw.end(this.failedEvents(error));
  }

  private failedEvents(error: GatewayError): string {
    return this.translator
      .fail({ code: errorCode(error.status), message: error.message })
      .map(formatSseEvent)
      .join('');
  }
}

/** One Response, converted from the worker's whole `chat.completion`. */
class ResponsesJsonResponse extends ChatResponse {
  constructor(
    options: ResponseOptions,
    private readonly settings: ResponseSettings,
  ) {
    super(options.reply, options.headers, options.onClientGone);
  }

  protected send([bytes]: Buffer[]): void {
    let body;
    try {
      const completion = readGatewayAnswer(gatewayCompletionSchema, bytes);
      body = toResponse(completion, {
        id: completion.id,
        model: completion.model,
        createdAt: Number(completion.created ?? Math.floor(Date.now() / 1000)),
        settings: this.settings,
      });
    } catch (error) {
      if (!(error instanceof GatewayError)) throw error;
      this.sendError(error);
      return;
    }
    void this.reply.headers(this.headers).type('application/json').send(body);
  }

  end(): void {
    // The body was the whole answer.
  }

  fail(error: GatewayError): void {
    if (this.disconnected || this.started) return;
    this.sendError(error);
  }
}

/** Answers in the Responses shapes, repeating the request's settings as OpenAI does. */
export function responsesFormat(request: ResponsesRequest): ResponseFormat {
  const settings = responseSettings(request);
  return {
    create: (options) =>
      options.stream
        ? new ResponsesSseResponse(options, settings)
        : new ResponsesJsonResponse(options, settings),
  };
}
