import { gatewayChunkSchema, GatewayError, type GatewayChunk } from '../../../libs/contracts';
import { ChatResponse, type ResponseOptions, type SendError } from './chat-response';
import { formatSseEvent } from './format-sse-event';
import { readGatewayAnswer } from './read-gateway-answer';

/** An API surface's event stream, built from the workers' `chat.completion.chunk`s. */
export interface EventTranslation {
  push(chunk: GatewayChunk): { type: string }[];
  /** The events that end a complete answer. */
  finish(): { type: string }[];
  /** The events that end a stream failing after it began. */
  failure(error: GatewayError): { type: string }[];
}

/**
 * An event stream in another API's shape (Anthropic's Messages, OpenAI's Responses), translated
 * chunk by chunk as the frames come. Nothing is sent before the first chunk, so until then a failed
 * attempt can still be replaced by another one, or answered with an HTTP error in the surface's shape.
 */
export class TranslatedSseResponse extends ChatResponse {
  /** Ended early, because a chunk could not be read; later frames are dropped. */
  private ended = false;

  constructor(
    options: ResponseOptions,
    private readonly translation: EventTranslation,
    private readonly refuse: SendError,
  ) {
    super(options.reply, options.headers, options.onClientGone);
  }

  protected send(chunks: Buffer[]): void {
    if (this.ended) return;
    this.openEventStream();
    let events = '';
    try {
      for (const chunk of chunks) {
        events += this.translation
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
    this.reply.raw.end(this.translation.finish().map(formatSseEvent).join(''));
  }

  /** Before the first byte: an HTTP error. After: the surface's failure events, then the end. */
  fail(error: GatewayError): void {
    if (this.disconnected || this.ended) return;
    if (!this.started) {
      this.refuse(this.reply, this.headers, error);
      return;
    }
    this.endWithError(error);
  }

  /** `before`: the events of the frame's readable chunks, which go first. */
  private endWithError(error: GatewayError, before = ''): void {
    this.ended = true;
    this.reply.raw.end(before + this.translation.failure(error).map(formatSseEvent).join(''));
  }
}

/**
 * One whole answer in another API's shape, converted from the worker's whole `chat.completion`;
 * like JsonChatResponse, it goes out with `end()`.
 */
export class ConvertedJsonResponse extends ChatResponse {
  private answer: (() => void) | null = null;

  constructor(
    options: ResponseOptions,
    /** The answer's body from the worker's bytes; a GatewayError when they break the contract. */
    private readonly convert: (completion: Buffer) => unknown,
    private readonly refuse: SendError,
  ) {
    super(options.reply, options.headers, options.onClientGone);
  }

  protected send([completion]: Buffer[]): void {
    try {
      const body = this.convert(completion);
      this.answer = () => void this.reply.headers(this.headers).type('application/json').send(body);
    } catch (error) {
      if (!(error instanceof GatewayError)) throw error;
      this.answer = () => this.refuse(this.reply, this.headers, error);
    }
  }

  end(): void {
    if (!this.disconnected) this.answer?.();
  }

  fail(error: GatewayError): void {
    if (this.started) this.end();
    else if (!this.disconnected) this.refuse(this.reply, this.headers, error);
  }
}
